#include "driver/negotiate_command.hpp"

#include "plan/table_plan.hpp"

namespace diaglot::driver {

std::string negotiation_text(const catalog& c, const catalog::negotiation& n) {
  using reason = catalog::negotiation::reason;
  const std::string chosen(c.tag(n.chosen));
  std::string out;
  switch (n.why) {
    case reason::same:
      out = "`" + std::string(n.item) + "` names " + chosen + " (same language, script and region)";
      break;
    case reason::closest:
      out = "`" + std::string(n.item) + "` is closest to " + chosen + " (CLDR distance " +
            std::to_string(n.distance / 8) +
            (n.distance % 8 ? "." + std::to_string(n.distance % 8 * 125) : "") +
            ", under ICU's threshold of 50)";
      break;
    case reason::neutral:
      out = "`" + std::string(n.item) + "` asks for the untranslated source, " + chosen;
      break;
    case reason::none:
      out = "no preference matches a catalog locale: the source locale " + chosen;
      break;
  }
  if (n.why != reason::none && n.quality != 1000)
    out += "; q=" + std::to_string(n.quality / 1000) + "." +
           std::string(3 - std::to_string(n.quality % 1000).size(), '0') +
           std::to_string(n.quality % 1000);
  out += "; " + std::to_string(n.considered) + " item(s) weighed";
  if (n.skipped) out += ", " + std::to_string(n.skipped) + " malformed item(s) skipped";
  return out;
}

int negotiate(const negotiate_options& options, session& s, std::string& out) {
  const std::optional<model::catalog> cat = build_catalog(options, s);
  if (!cat) return s.status();
  const plan::table_plan plan = plan::make_plan(*cat);
  const detail::table table = plan.view();
  const catalog c(table);
  const catalog::negotiation n = c.explain(options.accept_language);
  out = std::string(c.tag(n.chosen)) + "\n";
  if (options.explain) out += negotiation_text(c, n) + "\n";
  return s.status();
}

}  // namespace diaglot::driver
