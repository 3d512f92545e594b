// The tray, on a real X display with a real tray host: tests/with-display.sh runs this under
// Xvfb with trayer (CTest label "tray"), inside tests/with-keyring.sh for the keychain. A failing
// simulator turns the icon to the error state and notifies once, recovery notifies once; two
// activations in a row (a double click on KDE, B08) leave the window shown; closing the window
// hides it to the tray, says so the first time only, and the app keeps running even with every
// window closed (B07); the tray menu's entries work.

#include "desktopfixture.h"
#include "icons.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "sync/syncengine.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTimer>

#include <memory>
#include <signal.h>

using namespace DesktopFixture;

Q_DECLARE_METATYPE(QSystemTrayIcon::ActivationReason)

namespace {

QAction *menuAction(TrayController *tray, const QString &text)
{
    for (QAction *action : tray->menu()->actions()) {
        if (action->text() == text)
            return action;
    }
    qWarning("no tray menu entry %s", qPrintable(text));
    return nullptr;
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void iconShowsErrorAndRecovery();
    void activationNeverHidesTheWindow_data();
    void activationNeverHidesTheWindow();
    void closingTheWindowHidesItToTheTray();
    void closingEveryWindowKeepsTheAppRunning();
    void menuPausesResumesAndQuits();
    // Last: it replaces the tray host of tests/with-display.sh with one of its own.
    void adaptsWhenTheTrayGoesAndComesBack();

private:
    void startSynced();

    LivePersonSimulator m_simulator;
    QProcess m_trayer; // a replacement tray host, started by adaptsWhenTheTrayGoesAndComesBack
    std::unique_ptr<DesktopApp> m_app;
    int m_profiles = 0;
};

void TestTray::initTestCase()
{
    qRegisterMetaType<CycleReport>();
    isolateSettings();
    QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"), "run under tests/with-display.sh");
    // trayer starts next to this test: wait until it has claimed the tray selection.
    QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), WaitMs);
    QVERIFY(m_simulator.start() != 0);
}

void TestTray::init()
{
    m_simulator.clearFaults();
    QSettings().remove(QStringLiteral("desktop/closeHintShown"));
}

void TestTray::cleanup()
{
    m_app.reset();
}

void TestTray::startSynced()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");

    const QString profile = QStringLiteral("tray-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_profiles);
    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->start();
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(m_app->tray()->isAvailable());
    QVERIFY(m_app->tray()->trayIcon()->isVisible());
}

void TestTray::iconShowsErrorAndRecovery()
{
    startSynced();
    TrayController *tray = m_app->tray();
    QCOMPARE(tray->look(), Icons::TrayLook::Ok);
    QVERIFY2(tray->toolTip().contains(QStringLiteral("skills on shift")), qPrintable(tray->toolTip()));

    QSignalSpy notified(tray, &TrayController::notified);
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_simulator.setFault(Endpoint::ShiftStatus, Fault::withStatus(503));
    QTest::mouseClick(m_app->window()->findChild<QPushButton *>(QStringLiteral("syncNowButton")), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(tray->look(), Icons::TrayLook::Error);
    QVERIFY2(tray->toolTip().contains(QStringLiteral("HTTP 503")), qPrintable(tray->toolTip()));
    QCOMPARE(notified.count(), 1);
    QVERIFY(notified.first().first().toString().contains(QStringLiteral("failing")));

    // Failing again is not news.
    m_app->syncNow();
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(tray->look(), Icons::TrayLook::Error);
    QCOMPARE(notified.count(), 1);

    m_simulator.clearFaults();
    m_app->syncNow();
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(tray->look(), Icons::TrayLook::Ok);
    QCOMPARE(notified.count(), 2);
    QVERIFY(notified.last().first().toString().contains(QStringLiteral("works again")));
}

void TestTray::activationNeverHidesTheWindow_data()
{
    QTest::addColumn<QList<QSystemTrayIcon::ActivationReason>>("clicks");
    QTest::addColumn<bool>("startHidden");

    using R = QSystemTrayIcon;
    QTest::newRow("hidden, double click as two triggers (KDE)")
        << QList<R::ActivationReason> {R::Trigger, R::Trigger} << true;
    QTest::newRow("shown, double click as two triggers")
        << QList<R::ActivationReason> {R::Trigger, R::Trigger} << false;
    QTest::newRow("hidden, trigger then double click")
        << QList<R::ActivationReason> {R::Trigger, R::DoubleClick} << true;
    QTest::newRow("hidden, middle click") << QList<R::ActivationReason> {R::MiddleClick} << true;
}

void TestTray::activationNeverHidesTheWindow()
{
    QFETCH(QList<QSystemTrayIcon::ActivationReason>, clicks);
    QFETCH(bool, startHidden);

    startSynced();
    MainWindow *window = m_app->window();
    if (startHidden) {
        window->hide();
        QVERIFY(!window->isVisible());
    }

    for (const QSystemTrayIcon::ActivationReason reason : clicks)
        Q_EMIT m_app->tray()->trayIcon()->activated(reason);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCoreApplication::processEvents();
    QVERIFY(window->isVisible());
    QVERIFY(!window->isMinimized());
}

void TestTray::closingTheWindowHidesItToTheTray()
{
    startSynced();
    MainWindow *window = m_app->window();
    QSignalSpy notified(m_app->tray(), &TrayController::notified);

    window->close();
    QVERIFY(!window->isVisible());
    QVERIFY(!m_app->isQuitting());
    QCOMPARE(notified.count(), 1); // said so, the first time
    QVERIFY(notified.first().at(1).toString().contains(QStringLiteral("tray")));

    // Syncing goes on with the window hidden.
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->syncNow();
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);

    m_app->showWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->close();
    QVERIFY(!window->isVisible());
    QCOMPARE(notified.count(), 1); // only the first time
}

// The event loop runs for real: Qt only quits on the last window closing from inside exec().
void TestTray::closingEveryWindowKeepsTheAppRunning()
{
    startSynced();
    m_app->openSettings();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->settingsDialog()));

    QTimer::singleShot(0, m_app.get(), [this] {
        m_app->window()->close();
        m_app->settingsDialog()->close();
    });
    QTimer::singleShot(600, qApp, [] { QCoreApplication::exit(42); });
    QCOMPARE(QApplication::exec(), 42);
    QVERIFY(!m_app->window()->isVisible());
    QVERIFY(!m_app->isQuitting());
    QVERIFY(m_app->tray()->trayIcon()->isVisible());
}

void TestTray::menuPausesResumesAndQuits()
{
    startSynced();
    TrayController *tray = m_app->tray();

    menuAction(tray, QStringLiteral("&Pause syncing"))->trigger();
    QVERIFY(m_app->isPaused());
    QCOMPARE(tray->look(), Icons::TrayLook::Paused);
    QVERIFY(menuAction(tray, QStringLiteral("&Resume syncing")));

    QSignalSpy started(m_app->engine(), &SyncEngine::cycleStarted);
    menuAction(tray, QStringLiteral("&Resume syncing"))->trigger();
    QVERIFY(!m_app->isPaused());
    QVERIFY(started.count() == 1 || started.wait(WaitMs));

    m_app->window()->hide();
    menuAction(tray, QStringLiteral("&Open ShiftSync"))->trigger();
    QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));

    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    menuAction(tray, QStringLiteral("&Quit"))->trigger();
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));
    QVERIFY(!tray->trayIcon()->isVisible());
}

// B06: a tray host can vanish (shell restart) and come back while ShiftSync runs. Without it
// the hidden window comes back and closing it asks; with it back, the icon returns.
void TestTray::adaptsWhenTheTrayGoesAndComesBack()
{
    bool ok = false;
    const qint64 trayerPid = qEnvironmentVariableIntValue("SHIFTSYNC_TRAYER_PID", &ok);
    if (!ok || trayerPid <= 0)
        QSKIP("SHIFTSYNC_TRAYER_PID not set: run under tests/with-display.sh");
    startSynced();
    MainWindow *window = m_app->window();
    window->close(); // hidden in the tray
    QVERIFY(!window->isVisible());

    // The tray host that tests/with-display.sh started for this test goes away.
    QCOMPARE(::kill(static_cast<pid_t>(trayerPid), SIGTERM), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!QSystemTrayIcon::isSystemTrayAvailable(), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->tray()->isAvailable(), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), WaitMs);
    window->close();
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = window->findChild<QMessageBox *>(QStringLiteral("quitQuestion"))));
    question->reject();
    QVERIFY(window->isVisible());

    // A tray host appears again.
    m_trayer.start(QStringLiteral("trayer"),
        {QStringLiteral("--edge"), QStringLiteral("top"), QStringLiteral("--align"), QStringLiteral("right")});
    QVERIFY(m_trayer.waitForStarted(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->tray()->isAvailable() && m_app->tray()->trayIcon()->isVisible(), WaitMs);
    window->close();
    QVERIFY(!window->isVisible());
    QVERIFY(!m_app->isQuitting());

    m_app.reset();
    m_trayer.terminate();
    QVERIFY(m_trayer.waitForFinished(WaitMs));
}

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
