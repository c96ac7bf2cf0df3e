// Time to first lookup with Qt: load the .qm for LANGUAGE's first entry, one translate() as
// UTF-8.
#include <QByteArray>
#include <QString>
#include <QTranslator>

#include <unistd.h>

#include <cstdlib>
#include <string>

int main() {
  const char* language = std::getenv("LANGUAGE");
  std::string locale = language ? language : "";
  locale = locale.substr(0, locale.find(':'));
  QTranslator translator;
  if (!translator.load(QString::fromStdString("wcf_" + locale),
                       QStringLiteral(DIAGLOT_BENCH_QM_DIR)))
    return 1;
  const QByteArray text =
      translator.translate("System.ServiceModel.Federation.Strings", "ActivityProcessAction")
          .toUtf8();
  if (text.isEmpty()) return 1;
  return ::write(1, text.constData(), static_cast<std::size_t>(text.size())) == text.size() ? 0 : 1;
}
