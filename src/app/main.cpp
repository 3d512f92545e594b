// shiftsync: wires the core engine to the command line (and, later, to the desktop UI).
// Everything that syncs lives in shiftsync_core; this file only chooses a mode.

#include "commandline.h"
#include "exitcodes.h"
#include "headlessrunner.h"
#include "unixsignalwatcher.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QCoreApplication>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>

namespace {

void setUpApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ShiftSync"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("shiftsync.org"));
    QCoreApplication::setApplicationName(QStringLiteral("ShiftSync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIFTSYNC_VERSION));

    Logging::installDefaultRules();
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                       "%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif}"
                       " %{category}: %{message}"));
    Redaction::installScrubbingMessageHandler();
}

// B11: a build without a working TLS backend fails every https call with a vague error, so
// say at startup what is there.
void logTlsSupport()
{
    if (QSslSocket::supportsSsl()) {
        qCDebug(lcApp).noquote() << "TLS backend" << QSslSocket::activeBackend() << "with"
                                 << QSslSocket::sslLibraryVersionString();
        return;
    }
    qCWarning(lcApp) << "this installation cannot make secure (https) connections: no working TLS backend;"
                        " reinstall ShiftSync or the Qt TLS plugin and OpenSSL";
}

int usageError(const CommandLine &line)
{
    QTextStream(stderr) << "shiftsync: " << line.error << "\nRun 'shiftsync --help' for the options.\n";
    return ExitCode::Usage;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setUpApplication();

    const CommandLine line = CommandLine::parse(app.arguments());
    if (!line.error.isEmpty())
        return usageError(line);
    if (line.mode == CommandLine::Mode::Help) {
        QTextStream(stdout) << line.helpText;
        return ExitCode::Success;
    }
    if (line.mode == CommandLine::Mode::Version) {
        QTextStream(stdout) << "shiftsync " << SHIFTSYNC_VERSION << " (Qt " << qVersion() << ")\n";
        return ExitCode::Success;
    }
    if (line.mode == CommandLine::Mode::Desktop) {
        CommandLine headlessHint = line;
        headlessHint.error = QStringLiteral("this build has no desktop app; use --sync-once or --headless");
        return usageError(headlessHint);
    }

    if (line.debug)
        Logging::enableDebugLogging();
    logTlsSupport();

    HeadlessRunner runner(line);
    UnixSignalWatcher signals_;
    QObject::connect(&signals_, &UnixSignalWatcher::terminationRequested, &runner, &HeadlessRunner::stop);
    QObject::connect(&runner, &HeadlessRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QTimer::singleShot(0, &runner, &HeadlessRunner::start);
    return app.exec();
}
