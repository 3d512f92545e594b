// shiftsync-screenshots: takes the README's pictures of the real desktop app, synced with demo
// data from an in-process LivePerson simulator: the main window, the main window after the
// simulator broke (error state and the log), the credentials dialog and the tray menu. Pixels
// come from the X server (QScreen::grabWindow), so it must run on a display with a tray host:
// scripts/screenshots.sh runs it through tests/with-keyring.sh and tests/with-display.sh, which
// also keep it away from the user's own keyring and settings.

#include "credentials/credentialstore.h"
#include "credentialsdialog.h"
#include "desktopapp.h"
#include "livepersonsimulator.h"
#include "mainwindow.h"
#include "sync/syncengine.h"
#include "traycontroller.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QPixmap>
#include <QScreen>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include <functional>

namespace {

constexpr int WaitMs = 15'000;
const QString Profile = QStringLiteral("default");

// Runs the event loop until `done` holds or the time is up.
bool waitFor(const std::function<bool()> &done, int timeoutMs = WaitMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

// Lets pending paints reach the X server before a grab.
void settle(int ms = 400)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

int fail(const QString &message)
{
    QTextStream(stderr) << "shiftsync-screenshots: " << message << '\n';
    return 1;
}

bool save(const QPixmap &pixmap, const QDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    const bool ok = !pixmap.isNull() && pixmap.save(path, "PNG");
    QTextStream(stdout) << (ok ? "wrote " : "could not write ") << path << '\n';
    return ok;
}

QPixmap grabWidget(QWidget *widget)
{
    return QGuiApplication::primaryScreen()->grabWindow(widget->winId());
}

bool storeDemoCredentials(const LivePersonSimulator &simulator)
{
    Credentials credentials;
    credentials.username = simulator.account().username;
    credentials.appKey = simulator.account().clientId;
    credentials.secret = simulator.account().clientSecret;
    credentials.mavenApiKey = simulator.account().mavenApiKey;

    CredentialStore store;
    bool ok = false;
    bool answered = false;
    QObject::connect(&store, &CredentialStore::writeFinished, &store, [&](const QString &, const auto &result) {
        ok = result.isOk();
        answered = true;
    });
    store.write(Profile, credentials);
    return waitFor([&] { return answered; }) && ok;
}

bool syncOnce(DesktopApp &desktop)
{
    bool finished = false;
    const QMetaObject::Connection connection
        = QObject::connect(desktop.engine(), &SyncEngine::cycleFinished, &desktop, [&] { finished = true; });
    desktop.syncNow();
    const bool ok = waitFor([&] { return finished; });
    QObject::disconnect(connection);
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ShiftSync"));
    QCoreApplication::setApplicationName(QStringLiteral("ShiftSync"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIFTSYNC_VERSION));

    // Writes demo credentials into the keyring: only the throw-away one of with-keyring.sh.
    if (qEnvironmentVariableIsEmpty("SHIFTSYNC_TEST_KEYRING_PASSWORD"))
        return fail(QStringLiteral("run through scripts/screenshots.sh (a throw-away keyring and display)"));
    if (!waitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }))
        return fail(QStringLiteral("no system tray host on this display"));
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots"));
    if (!QDir().mkpath(out.path()))
        return fail(QStringLiteral("cannot create %1").arg(out.path()));

    // The simulator's clock starts three hours back, so the second sync shows skills that
    // changed state since the first.
    qint64 offsetMs = -3 * 60 * 60 * 1000;
    LivePersonSimulator simulator;
    simulator.setClock([&offsetMs] { return QDateTime::currentMSecsSinceEpoch() + offsetMs; });
    if (simulator.start() == 0)
        return fail(QStringLiteral("the simulator could not listen on loopback"));
    if (!storeDemoCredentials(simulator))
        return fail(QStringLiteral("could not store the demo credentials in the keychain"));

    DesktopApp::Options options;
    options.profile = Profile;
    options.overrides = [&simulator](ProfileConfig config) {
        config.accountId = simulator.account().accountId;
        config.csdsUrl = simulator.baseUrl();
        config.contextUrl = simulator.baseUrl();
        config.intervalSeconds = 15 * 60;
        return config;
    };
    DesktopApp desktop(options);
    MainWindow *window = desktop.window();
    window->resize(1040, 700);
    window->move(40, 60);
    desktop.start();
    if (!waitFor([&] { return desktop.engine()->lastReport().ok; }))
        return fail(QStringLiteral("the first sync did not succeed"));

    offsetMs = 0;
    if (!syncOnce(desktop) || !desktop.engine()->lastReport().ok)
        return fail(QStringLiteral("the second sync did not succeed"));
    settle();
    bool ok = save(grabWidget(window), out, QStringLiteral("main-window.png"));

    // The tray menu, popped up under the tray icon.
    QMenu *menu = desktop.tray()->menu();
    const QRect icon = desktop.tray()->trayIcon()->geometry();
    menu->popup(icon.isValid() ? icon.bottomLeft() + QPoint(-120, 4) : QPoint(1000, 30));
    settle();
    const QRect area = menu->geometry().united(icon).adjusted(-12, -8, 12, 12);
    ok = save(QGuiApplication::primaryScreen()->grabWindow(0, area.x(), area.y(), area.width(), area.height()),
             out,
             QStringLiteral("tray-menu.png"))
        && ok;
    menu->hide();

    // The credentials dialog as an operator opens it: secrets masked.
    desktop.openCredentials();
    CredentialsDialog *dialog = desktop.credentialsDialog();
    if (!dialog || !waitFor([dialog] { return !dialog->isWaitingForKeychain(); }))
        return fail(QStringLiteral("the credentials dialog did not load"));
    dialog->move(120, 80);
    settle();
    ok = save(grabWidget(dialog), out, QStringLiteral("credentials-dialog.png")) && ok;
    dialog->close();

    // Break the simulator: the error state and the log entry that says why (without the
    // notification balloon, which would cover part of the window).
    desktop.tray()->setNotificationsEnabled(false);
    simulator.setFault(Endpoint::ShiftStatus, Fault::withStatus(503));
    if (!syncOnce(desktop))
        return fail(QStringLiteral("the failing sync did not finish"));
    if (auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("tabs")))
        tabs->setCurrentIndex(1);
    settle();
    ok = save(grabWidget(window), out, QStringLiteral("main-window-error.png")) && ok;

    bool quit = false;
    QObject::connect(&desktop, &DesktopApp::quitFinished, &desktop, [&quit] { quit = true; });
    desktop.quit();
    waitFor([&quit] { return quit; });
    return ok ? 0 : 1;
}
