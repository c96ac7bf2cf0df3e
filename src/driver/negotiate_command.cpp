#include "driver/negotiate_command.hpp"

#include "plan/table_plan.hpp"

namespace diaglot::driver {

std::string negotiation_text(const catalog& c, const catalog::negotiation& n,
                             const phrase_template_fn& words) {
  const auto say = [&words](std::string_view id, std::string_view english,
                            const std::vector<std::string>& args) {
    return ui_text(words, id, english, args);
  };
  using reason = catalog::negotiation::reason;
  const std::string chosen(c.tag(n.chosen));
  const std::string item(n.item);
  std::string out;
  switch (n.why) {
    case reason::same:
      out = say("negotiate.same", "`{0}` names {1} (same language, script and region)",
                {item, chosen});
      break;
    case reason::closest:
      out = say("negotiate.closest",
                "`{0}` is closest to {1} (CLDR distance {2}, under ICU's threshold of 50)",
                {item, chosen,
                 std::to_string(n.distance / 8) +
                     (n.distance % 8 ? "." + std::to_string(n.distance % 8 * 125) : "")});
      break;
    case reason::neutral:
      out = say("negotiate.neutral", "`{0}` asks for the untranslated source, {1}", {item, chosen});
      break;
    case reason::none:
      out = say("negotiate.none", "no preference matches a catalog locale: the source locale {0}",
                {chosen});
      break;
  }
  if (n.why != reason::none && n.quality != 1000)
    out += "; q=" + std::to_string(n.quality / 1000) + "." +
           std::string(3 - std::to_string(n.quality % 1000).size(), '0') +
           std::to_string(n.quality % 1000);
  out += "; " + say("negotiate.weighed", "{0} item(s) weighed", {std::to_string(n.considered)});
  if (n.skipped)
    out += ", " +
           say("negotiate.skipped", "{0} malformed item(s) skipped", {std::to_string(n.skipped)});
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
  if (options.explain) out += negotiation_text(c, n, options.words) + "\n";
  return s.status();
}

}  // namespace diaglot::driver
