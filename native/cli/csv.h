#pragma once
// RFC 4180 rows (CRLF, fields quoted only when needed) and numbers written as the runner writes
// them (src/csv/writer.ts plainDecimal): integers exactly, fractions to 9 significant digits,
// never an exponent; a value that does not apply is an empty field.
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sgn {

std::string plain_decimal(double v);
std::string csv_field(std::string_view v);

// One row, filled by column name; writing it in a column order checks every name it holds.
class CsvRow {
 public:
  void set(std::string_view column, std::string value) { fields_[std::string(column)] = std::move(value); }
  void set(std::string_view column, const char* value) { set(column, std::string(value)); }
  void set(std::string_view column, std::uint64_t value) { set(column, std::to_string(value)); }
  void set(std::string_view column, double value) { set(column, plain_decimal(value)); }
  void set(std::string_view column, std::optional<double> value) { set(column, value ? plain_decimal(*value) : ""); }

  // Throws std::logic_error if the row holds a column `columns` lacks (a typo would else vanish).
  template <typename Columns>
  void write(std::ostream& out, const Columns& columns) const {
    check(columns.data(), columns.data() + columns.size());
    bool first = true;
    for (std::string_view c : columns) {
      if (!first) out << ',';
      first = false;
      auto it = fields_.find(std::string(c));
      if (it != fields_.end()) out << csv_field(it->second);
    }
    out << "\r\n";
  }

 private:
  void check(const std::string_view* begin, const std::string_view* end) const;
  std::map<std::string, std::string> fields_;
};

template <typename Columns>
void write_header(std::ostream& out, const Columns& columns) {
  bool first = true;
  for (std::string_view c : columns) {
    if (!first) out << ',';
    first = false;
    out << csv_field(c);
  }
  out << "\r\n";
}

}  // namespace sgn
