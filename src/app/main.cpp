// shiftsync: wires the core engine to the command line or to the desktop UI. Everything that
// syncs lives in shiftsync_core and every widget in shiftsync_ui; this file only chooses a mode.

#include "commandline.h"
#include "desktopapp.h"
#include "exitcodes.h"
#include "headlessrunner.h"
#include "singleinstance.h"
#include "sync/activitylog.h"
#include "unixsignalwatcher.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QApplication>
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

// The desktop needs QApplication and a display; every other mode runs on QCoreApplication and
// must work without one. So the arguments decide before either application object exists.
bool wantsDesktop(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine line = CommandLine::parse(arguments);
    return line.error.isEmpty() && line.mode == CommandLine::Mode::Desktop;
}

// Without this check QApplication aborts with a message about Qt platform plugins.
bool hasDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // Empty values count as unset: Qt aborts on an empty QT_QPA_PLATFORM with no display.
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

int runDesktop(int argc, char *argv[])
{
    if (!hasDisplay()) {
        QTextStream(stderr) << "shiftsync: there is no display to show the desktop app on; use --sync-once or "
                               "--headless to sync without one.\n";
        return ExitCode::Usage;
    }

    QApplication app(argc, argv);
    setUpApplication();
    const CommandLine line = CommandLine::parse(app.arguments());
    if (line.debug)
        Logging::enableDebugLogging();
    logTlsSupport();

    SingleInstance instance;
    if (!instance.claim()) {
        // One instance per user, whatever the profile: say so rather than vanish silently.
        QTextStream(stderr) << "shiftsync: ShiftSync is already running for this user; its window was brought "
                               "to the front. Quit it first to start it with other options (profile '"
                            << line.profile << "').\n";
        return ExitCode::Success;
    }

    DesktopApp::Options options;
    options.profile = line.profile;
    options.overrides = [line](const ProfileConfig &saved) {
        return line.apply(saved);
    };
    options.activityLogPath = ActivityLog::defaultFilePath();
    DesktopApp desktop(options);

    UnixSignalWatcher signals_;
    QObject::connect(&instance, &SingleInstance::activationRequested, &desktop, &DesktopApp::showWindow);
    QObject::connect(&signals_, &UnixSignalWatcher::terminationRequested, &desktop, &DesktopApp::quit);
    // exit(), not quit(): Qt 6's quit() first asks every window to close, and the main window
    // refuses (closing it means "hide to the tray").
    QObject::connect(&desktop, &DesktopApp::quitFinished, &app, [] { QCoreApplication::exit(ExitCode::Success); });
    desktop.start();
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsDesktop(argc, argv))
        return runDesktop(argc, argv);

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
