// Locale matching for compiled catalogs, as ICU's LocaleMatcher does it, from the facts the
// compiler baked into the table: requests are parsed into fixed buffers, given their likely
// subtags, and looked up in the table's answers; preference lists are combined with ICU's
// per-item demotion. No ICU, no allocation, no exceptions.
#include <cstdlib>
#include <cstring>

#include "diaglot/catalog.hpp"
#include "diaglot/environment.hpp"

namespace diaglot {

namespace {

/// string_view::substr without its bounds check: substr can throw, and the runtime must not pull
/// in libstdc++'s exception machinery (it would cost every program start-up time).
constexpr std::string_view slice(std::string_view s, std::size_t pos,
                                 std::size_t n = std::string_view::npos) noexcept {
  pos = pos < s.size() ? pos : s.size();
  return std::string_view(s.data() + pos, n < s.size() - pos ? n : s.size() - pos);
}

// ICU LocaleMatcher, in its units (1/8 of a CLDR distance point): a match must be closer than
// the default script distance (50), and each further desired locale must beat the best so far
// by the default demotion (5, the distance between en-US and en-GB).
constexpr int match_threshold = 50 * 8;
constexpr int demotion_per_item = 5 * 8;

constexpr bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }
constexpr char to_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; }

bool all_alpha(std::string_view s) noexcept {
  for (const char c : s)
    if (!is_alpha(c)) return false;
  return true;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

/// The three-letter codes ICU's Locale() reads as other codes, as it reads every name and every
/// Accept-Language range before matching: ISO 639-2/T languages as their ISO 639-1 forms ("eng"
/// is "en", "heb" is "he"; "ger" and "cmn" stay as they are) and ISO 3166 alpha-3 regions as
/// alpha-2 ("DEU" is "DE", "YUG" is "YU", which the table's aliases then replace). These are
/// ICU's own lists (uloc's LANGUAGES_3 and COUNTRIES_3), not CLDR data, so they are the same for
/// every catalog and live here rather than in the table. Records "eng=en ", sorted; the tests
/// in tests/plan/locale_negotiate_icu_test.cpp compare them with ICU.
constexpr char three_letter_languages[] =
    "aar=aa abk=ab afr=af aka=ak amh=am ara=ar arg=an asm=as ava=av ave=ae aym=ay aze=az bak=ba "
    "bam=bm bel=be ben=bn bis=bi bod=bo bos=bs bre=br bul=bg cat=ca ces=cs cha=ch che=ce chu=cu "
    "chv=cv cor=kw cos=co cre=cr cym=cy dan=da deu=de div=dv dzo=dz ell=el eng=en epo=eo est=et "
    "eus=eu ewe=ee fao=fo fas=fa fij=fj fin=fi fra=fr fry=fy ful=ff gla=gd gle=ga glg=gl glv=gv "
    "grn=gn guj=gu hat=ht hau=ha heb=he her=hz hin=hi hmo=ho hrv=hr hun=hu hye=hy ibo=ig ido=io "
    "iii=ii iku=iu ile=ie ina=ia ind=id ipk=ik isl=is ita=it jav=jv jaw=jw jpn=ja kal=kl kan=kn "
    "kas=ks kat=ka kau=kr kaz=kk khm=km kik=ki kin=rw kir=ky kom=kv kon=kg kor=ko kua=kj kur=ku "
    "lao=lo lat=la lav=lv lim=li lin=ln lit=lt ltz=lb lub=lu lug=lg mah=mh mal=ml mar=mr mkd=mk "
    "mlg=mg mlt=mt mol=mo mon=mn mri=mi msa=ms mya=my nau=na nav=nv nbl=nr nde=nd ndo=ng nep=ne "
    "nld=nl nno=nn nob=nb nor=no nya=ny oci=oc oji=oj ori=or orm=om oss=os pan=pa pli=pi pol=pl "
    "por=pt pus=ps que=qu roh=rm ron=ro run=rn rus=ru sag=sg san=sa sin=si slk=sk slv=sl sme=se "
    "smo=sm sna=sn snd=sd som=so sot=st spa=es sqi=sq srd=sc srp=sr ssw=ss sun=su swa=sw swe=sv "
    "tah=ty tam=ta tat=tt tel=te tgk=tg tgl=tl tha=th tir=ti ton=to tsn=tn tso=ts tuk=tk tur=tr "
    "twi=tw uig=ug ukr=uk urd=ur uzb=uz ven=ve vie=vi vol=vo wln=wa wol=wo xho=xh yid=yi yor=yo "
    "zha=za zho=zh zul=zu ";
constexpr char three_letter_regions[] =
    "ABW=AW AFG=AF AGO=AO AIA=AI ALA=AX ALB=AL AND=AD ANT=AN ARE=AE ARG=AR ARM=AM ASM=AS ATA=AQ "
    "ATF=TF ATG=AG AUS=AU AUT=AT AZE=AZ BDI=BI BEL=BE BEN=BJ BES=BQ BFA=BF BGD=BD BGR=BG BHR=BH "
    "BHS=BS BIH=BA BLM=BL BLR=BY BLZ=BZ BMU=BM BOL=BO BRA=BR BRB=BB BRN=BN BTN=BT BUR=BU BVT=BV "
    "BWA=BW CAF=CF CAN=CA CCK=CC CHE=CH CHL=CL CHN=CN CIV=CI CMR=CM COD=CD COG=CG COK=CK COL=CO "
    "COM=KM CPV=CV CRI=CR CUB=CU CUW=CW CXR=CX CYM=KY CYP=CY CZE=CZ DEU=DE DGA=DG DJI=DJ DMA=DM "
    "DNK=DK DOM=DO DZA=DZ ECU=EC EGY=EG ERI=ER ESH=EH ESP=ES EST=EE ETH=ET FIN=FI FJI=FJ FLK=FK "
    "FRA=FR FRO=FO FSM=FM FXX=FX GAB=GA GBR=GB GEO=GE GGY=GG GHA=GH GIB=GI GIN=GN GLP=GP GMB=GM "
    "GNB=GW GNQ=GQ GRC=GR GRD=GD GRL=GL GTM=GT GUF=GF GUM=GU GUY=GY HKG=HK HMD=HM HND=HN HRV=HR "
    "HTI=HT HUN=HU IDN=ID IMN=IM IND=IN IOT=IO IRL=IE IRN=IR IRQ=IQ ISL=IS ISR=IL ITA=IT JAM=JM "
    "JEY=JE JOR=JO JPN=JP KAZ=KZ KEN=KE KGZ=KG KHM=KH KIR=KI KNA=KN KOR=KR KWT=KW LAO=LA LBN=LB "
    "LBR=LR LBY=LY LCA=LC LIE=LI LKA=LK LSO=LS LTU=LT LUX=LU LVA=LV MAC=MO MAF=MF MAR=MA MCO=MC "
    "MDA=MD MDG=MG MDV=MV MEX=MX MHL=MH MKD=MK MLI=ML MLT=MT MMR=MM MNE=ME MNG=MN MNP=MP MOZ=MZ "
    "MRT=MR MSR=MS MTQ=MQ MUS=MU MWI=MW MYS=MY MYT=YT NAM=NA NCL=NC NER=NE NFK=NF NGA=NG NIC=NI "
    "NIU=NU NLD=NL NOR=NO NPL=NP NRU=NR NZL=NZ OMN=OM PAK=PK PAN=PA PCN=PN PER=PE PHL=PH PLW=PW "
    "PNG=PG POL=PL PRI=PR PRK=KP PRT=PT PRY=PY PSE=PS PYF=PF QAT=QA REU=RE ROM=RO ROU=RO RUS=RU "
    "RWA=RW SAU=SA SCG=CS SDN=SD SEN=SN SGP=SG SGS=GS SHN=SH SJM=SJ SLB=SB SLE=SL SLV=SV SMR=SM "
    "SOM=SO SPM=PM SRB=RS SSD=SS STP=ST SUN=SU SUR=SR SVK=SK SVN=SI SWE=SE SWZ=SZ SXM=SX SYC=SC "
    "SYR=SY TCA=TC TCD=TD TGO=TG THA=TH TJK=TJ TKL=TK TKM=TM TLS=TL TMP=TP TON=TO TTO=TT TUN=TN "
    "TUR=TR TUV=TV TWN=TW TZA=TZ UGA=UG UKR=UA UMI=UM URY=UY USA=US UZB=UZ VAT=VA VCT=VC VEN=VE "
    "VGB=VG VIR=VI VNM=VN VUT=VU WLF=WF WSM=WS XEA=EA XIC=IC XKK=XK YEM=YE YMD=YD YUG=YU ZAF=ZA "
    "ZAR=ZR ZMB=ZM ZWE=ZW ";

/// The two-letter code ICU's Locale() reads a three-letter one as, or the code itself.
template <std::size_t N>
std::string_view two_letter(const char (&records)[N], std::string_view code) noexcept {
  if (code.size() != 3) return code;
  std::size_t lo = 0, hi = (N - 1) / 7;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const int c = std::string_view(records + 7 * mid, 3).compare(code);
    if (c == 0) return {records + 7 * mid + 4, 2};
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return code;
}

/// A fixed-capacity string for one subtag.
template <std::size_t N>
struct subtag {
  char text[N + 1] = {};
  std::uint8_t size = 0;

  std::string_view view() const noexcept { return {text, size}; }
  bool empty() const noexcept { return size == 0; }
  void assign(std::string_view s, char (*conv)(char) noexcept) noexcept {
    size = static_cast<std::uint8_t>(s.size() < N ? s.size() : N);
    for (std::size_t i = 0; i < size; ++i) text[i] = conv(s[i]);
    text[size] = '\0';
  }
  void clear() noexcept { size = 0, text[0] = '\0'; }
};

constexpr char keep(char c) noexcept { return c; }

/// A request as ICU reads it: language, script and region (the rest does not change a match).
struct request {
  subtag<8> language;
  subtag<4> script;
  subtag<3> region;
  bool pseudo = false;  // en-XA, ar-XB, -PSACCENT...: ICU matches these only with themselves
};

enum class parsed : std::uint8_t {
  ok,
  neutral,    ///< "C", "POSIX": the untranslated source
  unmatched,  ///< well-formed, but ICU matches it with nothing ("x-private", "i-klingon")
  malformed,
};

/// Reads a language tag as ICU's Locale(const char*) does: subtags split at '-' or '_'; with a
/// one-letter subtag it is BCP 47 (extensions, private use), else ICU's own locale-ID grammar
/// (language, then a four-letter script, then a 2-3 character region, then variants).
parsed parse_tag(std::string_view tag, request& r) noexcept {
  if (tag.empty() || tag.size() > 255) return parsed::malformed;
  // Syntax first: alphanumeric subtags of 1 to 8 characters (RFC 4647 language-range).
  bool bcp47 = false;
  std::size_t count = 0;
  for (std::size_t i = 0; i <= tag.size();) {
    std::size_t end = i;
    while (end < tag.size() && tag[end] != '-' && tag[end] != '_') {
      if (!is_alnum(tag[end])) return parsed::malformed;
      ++end;
    }
    const std::size_t n = end - i;
    if (n == 0 || n > 8) return parsed::malformed;
    if (n == 1 && count > 0) bcp47 = true;
    ++count;
    i = end + 1;
  }
  std::size_t pos = 0;
  auto next = [&]() noexcept -> std::string_view {
    if (pos > tag.size()) return {};
    std::size_t end = pos;
    while (end < tag.size() && tag[end] != '-' && tag[end] != '_') ++end;
    const std::string_view part = slice(tag, pos, end - pos);
    pos = end + 1;
    return part;
  };
  const std::string_view language = next();
  if (!all_alpha(language)) return parsed::malformed;
  if (language.size() == 1) {
    // "x-..." is private use, "i-..." a grandfathered tag: neither is a language to match.
    const char c = to_lower(language[0]);
    return c == 'x' || c == 'i' ? parsed::unmatched : parsed::malformed;
  }
  r.language.assign(language, to_lower);
  r.language.assign(two_letter(three_letter_languages, r.language.view()), keep);
  std::string_view part = next();
  if (bcp47) {
    // BCP 47: [extlang] [script] [region] *variant, up to the first singleton. ICU reads an
    // extended language subtag as the language ("zh-yue-u-nu-hanidec" is "yue", "de-DEU-u-..."
    // is "deu", so "de").
    for (int extlang = 0;
         extlang < 3 && language.size() <= 3 && part.size() == 3 && all_alpha(part); ++extlang) {
      if (extlang == 0) {
        r.language.assign(part, to_lower);
        r.language.assign(two_letter(three_letter_languages, r.language.view()), keep);
      }
      part = next();
    }
    if (part.size() == 4 && all_alpha(part)) {
      r.script.assign(part, to_lower);
      r.script.text[0] = to_upper(r.script.text[0]);
      part = next();
    }
    if ((part.size() == 2 && all_alpha(part)) ||
        (part.size() == 3 && is_digit(part[0]) && is_digit(part[1]) && is_digit(part[2]))) {
      r.region.assign(part, to_upper);
      part = next();
    }
    for (; part.size() > 1; part = next())
      if (iequals(part, "psaccent") || iequals(part, "psbidi") || iequals(part, "pscrack"))
        r.pseudo = true;
  } else {
    if (part.size() == 4 && all_alpha(part)) {
      r.script.assign(part, to_lower);
      r.script.text[0] = to_upper(r.script.text[0]);
      part = next();
    }
    if (part.size() == 2 || part.size() == 3) {
      r.region.assign(part, to_upper);
      r.region.assign(two_letter(three_letter_regions, r.region.view()), keep);
      part = next();
    }
    for (; !part.empty(); part = next())
      if (iequals(part, "psaccent") || iequals(part, "psbidi") || iequals(part, "pscrack"))
        r.pseudo = true;
  }
  // ICU reads these as absent.
  if (r.language.view() == "und") r.language.clear();
  if (r.script.view() == "Zzzz") r.script.clear();
  if (r.region.view() == "ZZ") r.region.clear();
  const std::string_view region = r.region.view();
  if (region == "XA" || region == "XB" || region == "XC") r.pseudo = true;
  return parsed::ok;
}

/// Reads a locale name: a POSIX name (language[_territory][.codeset][@modifier], "C"), a BCP 47
/// tag or a Windows name ("zh-CHS").
parsed parse_name(std::string_view name, request& r) noexcept {
  name = trim(name);
  std::string_view modifier;
  if (const std::size_t at = name.find('@'); at != std::string_view::npos) {
    modifier = slice(name, at + 1);
    name = slice(name, 0, at);
  }
  if (const std::size_t dot = name.find('.'); dot != std::string_view::npos)
    name = slice(name, 0, dot);
  if (name.empty() || iequals(name, "C") || iequals(name, "POSIX")) return parsed::neutral;
  const parsed p = parse_tag(name, r);
  if (p != parsed::ok) return p;
  // Windows' legacy Chinese names.
  if (r.language.view() == "zh" && r.script.empty() &&
      (r.region.view() == "CHS" || r.region.view() == "CHT")) {
    r.script.assign(r.region.view() == "CHS" ? "Hans" : "Hant", keep);
    r.region.clear();
  }
  // glibc's script modifiers (sr_RS@latin, uz_UZ@cyrillic, sd_IN@devanagari).
  if (r.script.empty()) {
    if (iequals(modifier, "latin")) r.script.assign("Latn", keep);
    if (iequals(modifier, "cyrillic")) r.script.assign("Cyrl", keep);
    if (iequals(modifier, "devanagari")) r.script.assign("Deva", keep);
  }
  return parsed::ok;
}

/// One request's answer: a catalog locale and how it was reached.
struct answer {
  enum class kind : std::uint8_t { none, same, closest } how = kind::none;
  std::uint16_t locale = 0;
  std::uint16_t distance = 0;
};

/// The table's matching facts, read as ICU's LocaleMatcher would use them.
class matcher {
 public:
  explicit matcher(const detail::table& t) noexcept : t_(t) {}
  const detail::table& table() const noexcept { return t_; }

  answer evaluate(const request& req) const noexcept {
    if (req.pseudo) return {};
    // Which subtags the request gave: with the same subtags, the catalog locale whose tag gave
    // the same ones wins, then the one whose differ least (ICU's "micro distance").
    const unsigned flags = (req.language.empty() ? 0u : 4u) | (req.script.empty() ? 0u : 2u) |
                           (req.region.empty() ? 0u : 1u);
    // Codes ICU replaces ("iw" -> "he", "DD" -> "DE").
    std::string_view language = alias(req.language.view());
    std::string_view script = req.script.view(), region = alias(req.region.view());
    if (language.empty()) return {};  // "und": not matched (see the README)
    // Likely subtags: the language's script and region, unless the region or script given
    // implies others ("zh-TW" is Hant, "zh-Hant" is TW).
    const std::uint32_t* base = fact(language, {});
    if (!base) return {};  // a language no catalog locale is near
    // A language ICU's likely-subtags data does not know ("sh", "tlh") has neither script nor
    // region there: it takes those of "und" ("sh-RS" is Cyrl as "und-RS" is).
    std::string_view likely_language = language;
    if (str(base[1]).empty()) {
      likely_language = "und";
      base = fact(likely_language, {});
      if (!base) return {};
    }
    if (script.empty() && region.empty()) {
      script = str(base[1]);
      region = str(base[2]);
    } else if (script.empty()) {
      const std::uint32_t* f = fact(likely_language, region);
      script = str(f ? f[1] : base[1]);
    } else if (region.empty()) {
      const std::uint32_t* f = fact(likely_language, script);
      region = str(f ? f[2] : base[2]);
    }
    // A catalog locale with the same subtags.
    std::uint32_t best_key = 0xffffffffu, best_answer = 0;
    for (std::uint32_t i = 0; i < t_.locale_count; ++i) {
      const std::uint32_t* l = t_.locale_likely + 3 * i;
      if (str(l[0]) != language || str(l[1]) != script || str(l[2]) != region) continue;
      const std::uint32_t info = t_.locale_match[2 * i];
      const std::uint32_t micro = (info & 7u) ^ flags;
      const std::uint32_t key = micro << 16 | info >> 3;  // least micro distance, then rank
      if (key < best_key) {
        best_key = key;
        best_answer = t_.locale_match[2 * i + 1];
      }
    }
    if (best_key != 0xffffffffu) {
      const auto micro = static_cast<std::uint16_t>(best_key >> 16);
      return {micro == 0 ? answer::kind::same : answer::kind::closest,
              static_cast<std::uint16_t>(best_answer), micro};
    }
    const std::uint32_t* rule = find_rule(language, script);
    if (!rule) rule = find_rule(language, {});
    if (!rule) return {};
    std::uint32_t packed = rule[1];
    if (const int code = region_code(region); code >= 0) {
      const std::uint32_t* first = t_.match_region + rule[2];
      std::uint32_t lo = 0, hi = rule[3];
      while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        const std::uint32_t c = first[mid] >> 16;
        if (c == static_cast<std::uint32_t>(code)) {
          packed = t_.match_answer[first[mid] & 0xffffu];
          break;
        }
        if (c < static_cast<std::uint32_t>(code))
          lo = mid + 1;
        else
          hi = mid;
      }
    }
    if (packed == detail::no_match) return {};
    return {answer::kind::closest, static_cast<std::uint16_t>(packed & 0xffffu),
            static_cast<std::uint16_t>(packed >> 16)};
  }

 private:
  std::string_view str(std::uint32_t offset) const noexcept { return detail::pool_at(t_, offset); }

  static int region_code(std::string_view r) noexcept {
    if (r.size() == 2 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z')
      return (r[0] - 'A') * 26 + (r[1] - 'A');
    if (r.size() == 3 && is_digit(r[0]) && is_digit(r[1]) && is_digit(r[2]))
      return 676 + (r[0] - '0') * 100 + (r[1] - '0') * 10 + (r[2] - '0');
    return -1;
  }

  /// Binary search of `count` records of `width` words whose first word is a pool key.
  const std::uint32_t* search(const std::uint32_t* records, std::uint32_t count,
                              std::uint32_t width, std::string_view key) const noexcept {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const int c = str(records[width * mid]).compare(key);
      if (c == 0) return records + width * mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return nullptr;
  }

  /// "a" or "a-b" as a key, or empty when it cannot be a key.
  static std::string_view key(std::string_view a, std::string_view b, char (&buf)[16]) noexcept {
    if (a.size() + 1 + b.size() > sizeof buf) return {};
    std::size_t n = 0;
    for (const char c : a) buf[n++] = c;
    if (!b.empty()) {
      buf[n++] = '-';
      for (const char c : b) buf[n++] = c;
    }
    return {buf, n};
  }

  const std::uint32_t* fact(std::string_view a, std::string_view b) const noexcept {
    char buf[16];
    const std::string_view k = key(a, b, buf);
    return k.empty() ? nullptr : search(t_.likely, t_.likely_count, 3, k);
  }

  const std::uint32_t* find_rule(std::string_view a, std::string_view b) const noexcept {
    char buf[16];
    const std::string_view k = key(a, b, buf);
    return k.empty() ? nullptr : search(t_.match_rule, t_.match_rule_count, 4, k);
  }

  std::string_view alias(std::string_view code) const noexcept {
    if (code.empty()) return code;
    const std::uint32_t* a = search(t_.alias, t_.alias_count, 2, code);
    return a ? str(a[1]) : code;
  }

  const detail::table& t_;
};

/// ICU LocaleMatcher's combination of a preference list (getBestSuppIndex): an item with a
/// catalog locale's own subtags wins at once; otherwise the closest match wins, each later item
/// having to beat it by the demotion per item, and the search ends when none could.
class combiner {
 public:
  explicit combiner(const matcher& m) noexcept : m_(m) {}

  /// Weighs one item; false when the choice is made and later items cannot change it.
  bool add(const request* req, std::string_view item, std::uint16_t quality) noexcept {
    ++considered_;
    if (req) {
      const answer a = m_.evaluate(*req);
      if (a.how == answer::kind::same) {
        decide(a, item, quality);
        return false;
      }
      if (a.how == answer::kind::closest && a.distance < threshold_) {
        decide(a, item, quality);
        threshold_ = a.distance;
      }
    }
    threshold_ -= demotion_per_item;
    return threshold_ > 0;
  }

  /// The neutral "C" of a colon list: the untranslated source, at once.
  void neutral(std::uint32_t source, std::string_view item) noexcept {
    ++considered_;
    best_ = {answer::kind::same, static_cast<std::uint16_t>(source), 0};
    item_ = item;
    neutral_ = true;
  }

  catalog::negotiation result(std::uint32_t source, std::uint16_t skipped) const noexcept {
    catalog::negotiation n;
    n.considered = considered_;
    n.skipped = skipped;
    if (best_.how == answer::kind::none) {
      n.chosen = locale(m_.table(), static_cast<std::uint16_t>(source));
      return n;
    }
    n.chosen = locale(m_.table(), best_.locale);
    n.why = neutral_                          ? catalog::negotiation::reason::neutral
            : best_.how == answer::kind::same ? catalog::negotiation::reason::same
                                              : catalog::negotiation::reason::closest;
    n.item = item_;
    n.quality = quality_;
    n.distance = best_.distance;
    return n;
  }

 private:
  void decide(const answer& a, std::string_view item, std::uint16_t quality) noexcept {
    best_ = a;
    item_ = item;
    quality_ = quality;
  }

  const matcher& m_;
  int threshold_ = match_threshold;
  answer best_;
  std::string_view item_;
  std::uint16_t quality_ = 1000;
  std::uint16_t considered_ = 0;
  bool neutral_ = false;
};

// --- Accept-Language ---------------------------------------------------------------------------

/// A qvalue (RFC 9110): "0", "0.5", "1", "1.000"; -1 when malformed.
int parse_quality(std::string_view v) noexcept {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return -1;
  int q = (v[0] - '0') * 1000;
  if (v.size() == 1) return q;
  if (v[1] != '.' || v.size() > 5) return -1;
  int scale = 100;
  for (const char c : slice(v, 2)) {
    if (!is_digit(c) || (q == 1000 && c != '0')) return -1;
    q += (c - '0') * scale;
    scale /= 10;
  }
  return q;
}

/// Splits one Accept-Language element into its range and quality; false when malformed.
bool parse_element(std::string_view element, std::string_view& range, int& quality) noexcept {
  quality = 1000;
  const std::size_t semi = element.find(';');
  range = trim(slice(element, 0, semi));
  if (semi == std::string_view::npos) return true;
  // weight = OWS ";" OWS "q=" qvalue; the parameter name is case-insensitive.
  std::string_view weight = trim(slice(element, semi + 1));
  if (weight.size() < 2 || to_lower(weight[0]) != 'q') return false;
  weight = trim(slice(weight, 1));
  if (weight.empty() || weight[0] != '=') return false;
  quality = parse_quality(trim(slice(weight, 1)));
  return quality >= 0;
}

/// A range's subtags as ICU's Locale() names them: the language in its two-letter form ("eng"
/// is "en") and, in a locale ID (no singleton, so no BCP 47 extension), an alpha-3 region in its
/// alpha-2 form ("de_DEU" is "de-DE"); the other subtags as they are.
class canonical_subtags {
 public:
  explicit canonical_subtags(std::string_view range) noexcept : range_(range) {
    for (std::size_t i = 0, n = 0; i <= range.size(); ++n) {
      std::size_t end = i;
      while (end < range.size() && range[end] != '-' && range[end] != '_') ++end;
      if (end - i == 1 && n > 0) locale_id_ = false;
      i = end + 1;
    }
  }

  /// The next subtag (its case as given, or as the table has it), or empty at the end.
  std::string_view next() noexcept {
    if (pos_ > range_.size()) return {};
    std::size_t end = pos_;
    while (end < range_.size() && range_[end] != '-' && range_[end] != '_') ++end;
    const std::string_view part = slice(range_, pos_, end - pos_);
    pos_ = end + 1;
    const std::size_t index = index_++;
    if (index == 0) return read_as(three_letter_languages, part, to_lower);
    if (index == 1 && part.size() == 4 && all_alpha(part)) region_at_ = 2;  // a script
    if (locale_id_ && index == region_at_) return read_as(three_letter_regions, part, to_upper);
    return part;
  }

 private:
  template <std::size_t N>
  std::string_view read_as(const char (&records)[N], std::string_view part,
                           char (*conv)(char) noexcept) noexcept {
    if (part.size() != 3 || !all_alpha(part)) return part;
    for (std::size_t i = 0; i < 3; ++i) buffer_[i] = conv(part[i]);
    const std::string_view two = two_letter(records, std::string_view(buffer_, 3));
    return two.size() == 2 ? two : part;
  }

  std::string_view range_;
  std::size_t pos_ = 0, index_ = 0, region_at_ = 1;
  bool locale_id_ = true;
  char buffer_[3] = {};
};

/// Whether two ranges name the same locale to ICU's LocalePriorityList, which reads each with
/// Locale(): case, '-' or '_', and the three-letter spellings Locale() reads as two-letter codes
/// aside ("en_US", "en-us" and "eng-USA" are one; "iw" and "he" are two).
bool same_range(std::string_view a, std::string_view b) noexcept {
  canonical_subtags x(a), y(b);
  for (;;) {
    const std::string_view p = x.next(), q = y.next();
    if (!iequals(p, q)) return false;
    if (p.empty()) return true;
  }
}

/// An Accept-Language item: 8 bytes, so that a list of max_preferences takes 2 KiB of stack
/// (string views took 6 KiB, two fresh stack pages for a process's first negotiation).
struct preference {
  std::uint32_t offset;  ///< of the range in the list (the list is read up to 4 GiB)
  std::uint8_t size;     ///< a range is "*" or a tag of at most 255 characters (parse_tag)
  bool removed;
  std::uint16_t quality;
};

/// Names given one at a time by next(name), false at the end, negotiated as gettext reads
/// LANGUAGE: empty and malformed names skipped, "C" or "POSIX" the untranslated source at once.
template <typename Next>
locale negotiate_names(const detail::table& t, Next next) noexcept {
  const matcher m(t);
  combiner c(m);
  std::string_view name;
  for (std::size_t seen = 0; seen < catalog::max_preferences && next(name);) {
    if (trim(name).empty()) continue;
    request r;
    const parsed p = parse_name(name, r);
    if (p == parsed::malformed) continue;
    ++seen;
    if (p == parsed::neutral) {
      c.neutral(t.source_locale, name);
      break;
    }
    if (!c.add(p == parsed::ok ? &r : nullptr, name, 1000)) break;
  }
  return c.result(t.source_locale, 0).chosen;
}

}  // namespace

locale catalog::locale(std::string_view name) const noexcept {
  request r;
  const parsed p = parse_name(name, r);
  if (p != parsed::ok) return source_locale();
  // A catalog locale named as it is: that one, even where ICU would answer with another
  // locale of the same subtags ("pt-BR" in a catalog that also has "pt").
  char tag[24];
  std::size_t n = 0;
  for (const std::string_view part : {r.language.view(), r.script.view(), r.region.view()}) {
    if (part.empty()) continue;
    if (n) tag[n++] = '-';
    std::memcpy(tag + n, part.data(), part.size());
    n += part.size();
  }
  for (std::uint32_t i = 0; i < t_->locale_count; ++i)
    if (std::string_view(detail::pool_at(*t_, t_->locale_tag[i])) == std::string_view(tag, n))
      return diaglot::locale(*t_, static_cast<std::uint16_t>(i));
  const answer a = matcher(*t_).evaluate(r);
  if (a.how == answer::kind::none ||
      (a.how == answer::kind::closest && a.distance >= match_threshold))
    return source_locale();
  return diaglot::locale(*t_, a.locale);
}

locale catalog::adopt(diaglot::locale foreign) const noexcept {
  if (!foreign.table())  // an index alone
    return foreign.index() < t_->locale_count ? diaglot::locale(*t_, foreign.index())
                                              : source_locale();
  const detail::table& t = *foreign.table();
  if (foreign.index() >= t.locale_count) return source_locale();
  return locale(std::string_view(detail::pool_at(t, t.locale_tag[foreign.index()])));
}

catalog::negotiation catalog::explain(std::string_view preferences) const noexcept {
  const matcher m(*t_);
  combiner c(m);
  std::uint16_t skipped = 0;
  // A colon list (LANGUAGE) has ':', '.' or '@' and no ',' or ';'; look at the start only, so
  // that the work stays bounded whatever the length.
  bool colon_list = false;
  for (std::size_t i = 0, n = preferences.size() < 1024 ? preferences.size() : 1024; i < n; ++i) {
    const char ch = preferences[i];
    if (ch == ',' || ch == ';') {
      colon_list = false;
      break;
    }
    if (ch == ':' || ch == '.' || ch == '@') colon_list = true;
  }
  if (colon_list) {
    // LANGUAGE: names in order, no weights, no duplicates removed (gettext reads them in turn).
    for (std::size_t seen = 0; !preferences.empty() && seen < max_preferences; ++seen) {
      const std::size_t end = preferences.find(':');
      const std::string_view item = trim(slice(preferences, 0, end));
      preferences =
          end == std::string_view::npos ? std::string_view() : slice(preferences, end + 1);
      if (item.empty()) continue;
      request r;
      const parsed p = parse_name(item, r);
      if (p == parsed::malformed) {
        ++skipped;
        continue;
      }
      if (p == parsed::neutral) {
        c.neutral(t_->source_locale, item);
        break;
      }
      if (!c.add(p == parsed::ok ? &r : nullptr, item, 1000)) break;
    }
    return c.result(t_->source_locale, skipped);
  }

  // Accept-Language (RFC 9110), read as ICU's LocalePriorityList reads it: items in order, a
  // repeated range replaces the earlier one at the end of the list, q=0 removes it, then a
  // stable sort by descending quality.
  preference items[max_preferences];
  std::size_t count = 0;
  const std::string_view list = slice(preferences, 0, UINT32_MAX);
  preferences = list;
  auto range_of = [&list](const preference& p) {
    return std::string_view(list.data() + p.offset, p.size);
  };
  for (std::size_t seen = 0; !preferences.empty() && seen < max_preferences; ++seen) {
    const std::size_t end = preferences.find(',');
    const std::string_view element = slice(preferences, 0, end);
    preferences = end == std::string_view::npos ? std::string_view() : slice(preferences, end + 1);
    if (trim(element).empty()) continue;
    std::string_view range;
    int quality = 0;
    request probe;
    if (!parse_element(element, range, quality) ||
        (range != "*" && parse_tag(range, probe) == parsed::malformed)) {
      ++skipped;
      continue;
    }
    bool found = false;
    for (std::size_t i = 0; i < count && !found; ++i)
      if (!items[i].removed && same_range(range_of(items[i]), range))
        items[i].removed = found = true;
    if (quality == 0) continue;  // "not acceptable"
    items[count++] = {static_cast<std::uint32_t>(range.data() - list.data()),
                      static_cast<std::uint8_t>(range.size()), false,
                      static_cast<std::uint16_t>(quality)};
  }
  // Stable insertion sort by descending quality (at most max_preferences items).
  for (std::size_t i = 1; i < count; ++i) {
    const preference p = items[i];
    std::size_t j = i;
    for (; j > 0 && items[j - 1].quality < p.quality; --j) items[j] = items[j - 1];
    items[j] = p;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (items[i].removed) continue;
    const std::string_view range = range_of(items[i]);
    request r;
    // "*" is a range ICU matches with nothing; it still takes its place in the list.
    const bool matchable = range != "*" && parse_tag(range, r) == parsed::ok;
    if (!c.add(matchable ? &r : nullptr, range, items[i].quality)) break;
  }
  return c.result(t_->source_locale, skipped);
}

locale catalog::negotiate(std::string_view preferences) const noexcept {
  return explain(preferences).chosen;
}

locale catalog::negotiate(const std::string_view* tags, std::size_t count) const noexcept {
  std::size_t i = 0;
  return negotiate_names(*t_, [&](std::string_view& name) noexcept {
    if (i == count) return false;
    name = tags[i++];
    return true;
  });
}

}  // namespace diaglot

// --- the environment ---------------------------------------------------------------------------

namespace diaglot {

locale environment_locale(const catalog& c, const locale_environment& env) noexcept {
  std::string_view name = env.lc_all;
  if (name.empty()) name = env.lc_messages;
  if (name.empty()) name = env.lang;
  if (name.empty()) name = "C";
  // gettext: LANGUAGE is ignored when the locale is "C" (setlocale reports POSIX as "C").
  if (name == "C" || name == "POSIX") return c.source_locale();
  if (!env.language.empty()) {
    // Its first max_preferences elements, split as they are read (no array on the stack).
    std::string_view rest = env.language;
    std::size_t elements = 0;
    return negotiate_names(c.data(), [&](std::string_view& element) noexcept {
      if (rest.empty() || elements == catalog::max_preferences) return false;
      ++elements;
      const std::size_t end = rest.find(':');
      element = slice(rest, 0, end);
      rest = end == std::string_view::npos ? std::string_view() : slice(rest, end + 1);
      return true;
    });
  }
  return c.locale(name);
}

locale process_locale(const catalog& c) noexcept {
  auto get = [](const char* name) noexcept {
    const char* v = std::getenv(name);
    return v ? std::string_view(v) : std::string_view();
  };
  return environment_locale(c, {get("LANGUAGE"), get("LC_ALL"), get("LC_MESSAGES"), get("LANG")});
}

}  // namespace diaglot
