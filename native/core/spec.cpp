#include "spec.h"

namespace sg {

const char* to_string(Strategy s) {
  switch (s) {
    case Strategy::gather: return "gather";
    case Strategy::coalesce: return "coalesce";
    case Strategy::sequential: return "sequential";
  }
  return "?";
}
const char* to_string(Mode m) { return m == Mode::echo ? "echo" : "sink"; }
const char* to_string(Affinity a) {
  switch (a) {
    case Affinity::none: return "none";
    case Affinity::same: return "same";
    case Affinity::split: return "split";
  }
  return "?";
}
const char* to_string(Peer p) { return p == Peer::raw ? "raw" : "sgbench"; }
const char* to_string(Direction d) {
  switch (d) {
    case Direction::forward: return "forward";
    case Direction::reverse: return "reverse";
    case Direction::bidir: return "bidir";
  }
  return "?";
}

template <typename E, std::size_t N>
static bool parse_enum(const std::string& s, E& out, const E (&values)[N]) {
  for (E v : values) {
    if (s == to_string(v)) {
      out = v;
      return true;
    }
  }
  return false;
}

bool parse_strategy(const std::string& s, Strategy& out) {
  static const Strategy v[] = {Strategy::gather, Strategy::coalesce, Strategy::sequential};
  return parse_enum(s, out, v);
}
bool parse_mode(const std::string& s, Mode& out) {
  static const Mode v[] = {Mode::sink, Mode::echo};
  return parse_enum(s, out, v);
}
bool parse_affinity(const std::string& s, Affinity& out) {
  static const Affinity v[] = {Affinity::none, Affinity::same, Affinity::split};
  return parse_enum(s, out, v);
}
bool parse_peer(const std::string& s, Peer& out) {
  static const Peer v[] = {Peer::sgbench, Peer::raw};
  return parse_enum(s, out, v);
}
bool parse_direction(const std::string& s, Direction& out) {
  static const Direction v[] = {Direction::forward, Direction::reverse, Direction::bidir};
  return parse_enum(s, out, v);
}

}  // namespace sg
