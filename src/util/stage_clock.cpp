// diaglot compiler: the stage clock (see stage_clock.hpp).
#include "util/stage_clock.hpp"

#include <cstdio>

#include "util/json.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#define DIAGLOT_HAS_GETRUSAGE 1
#endif

namespace diaglot {

process_usage process_usage::now() {
  process_usage u;
#ifdef DIAGLOT_HAS_GETRUSAGE
  struct rusage r {};
  if (getrusage(RUSAGE_SELF, &r) == 0) {
    const auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    u.cpu_ms = ms(r.ru_utime) + ms(r.ru_stime);
    u.page_faults = static_cast<std::int64_t>(r.ru_minflt) + r.ru_majflt;
#ifdef __APPLE__
    u.peak_rss_kb = static_cast<std::int64_t>(r.ru_maxrss) / 1024;  // bytes there
#else
    u.peak_rss_kb = static_cast<std::int64_t>(r.ru_maxrss);
#endif
  }
#endif
  return u;
}

namespace {

double ms_between(std::chrono::steady_clock::time_point a,
                  std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

stage_cost cost(std::string stage, std::chrono::steady_clock::time_point from,
                std::chrono::steady_clock::time_point to, const process_usage& before,
                const process_usage& after) {
  return {std::move(stage), ms_between(from, to), after.cpu_ms - before.cpu_ms,
          after.page_faults - before.page_faults, after.peak_rss_kb};
}

void append_cost(std::string& out, const stage_cost& c) {
  char numbers[160];
  std::snprintf(numbers, sizeof numbers,
                ", \"wall_ms\": %.3f, \"cpu_ms\": %.3f, \"page_faults\": %lld, "
                "\"peak_rss_kb\": %lld}",
                c.wall_ms, c.cpu_ms, static_cast<long long>(c.page_faults),
                static_cast<long long>(c.peak_rss_kb));
  out += "{\"stage\": ";
  json::append_string(out, c.stage);
  out += numbers;
}

}  // namespace

stage_clock::stage_clock()
    : start_(std::chrono::steady_clock::now()),
      last_(start_),
      start_usage_(process_usage::now()),
      last_usage_(start_usage_) {}

void stage_clock::end(std::string stage) {
  const auto now = std::chrono::steady_clock::now();
  const process_usage usage = process_usage::now();
  stages_.push_back(cost(std::move(stage), last_, now, last_usage_, usage));
  last_ = now;
  last_usage_ = usage;
}

stage_cost stage_clock::total() const {
  return cost("total", start_, last_, start_usage_, last_usage_);
}

std::string stage_clock::json() const {
  std::string out = "{\n  \"stages\": [";
  for (std::size_t i = 0; i < stages_.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    append_cost(out, stages_[i]);
  }
  out += "\n  ],\n  \"total\": ";
  append_cost(out, total());
  out += "\n}\n";
  return out;
}

}  // namespace diaglot
