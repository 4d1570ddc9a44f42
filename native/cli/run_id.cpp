#include "run_id.h"

#include <cstdio>
#include <random>

namespace sgn {

namespace {

struct UtcParts {
  int year, month, day, hour, minute, second, millis;
};

UtcParts split(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(now);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> t{ms - day};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(t.hours().count()),
          static_cast<int>(t.minutes().count()), static_cast<int>(t.seconds().count()),
          static_cast<int>(t.subseconds().count())};
}

}  // namespace

std::string new_run_id(std::chrono::system_clock::time_point now) {
  const UtcParts p = split(now);
  std::random_device rd;
  char b[64];
  std::snprintf(b, sizeof b, "%04d%02d%02dT%02d%02d%02dZ-%06x", p.year, p.month, p.day, p.hour, p.minute, p.second,
                static_cast<unsigned>(rd() & 0xffffffu));
  return b;
}

std::string iso_utc(std::chrono::system_clock::time_point now) {
  const UtcParts p = split(now);
  char b[64];
  std::snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", p.year, p.month, p.day, p.hour, p.minute, p.second,
                p.millis);
  return b;
}

}  // namespace sgn
