// The desktop app's main window driven like an operator would, offscreen, against an in-process
// LivePerson simulator and the real gnome-keyring of tests/with-keyring.sh: the app waits for the
// keychain, syncs, and Sync now refreshes the table and the last-sync time; a failing simulator
// leaves a clear entry in the log while the table keeps the last good data; Pause stops the
// timer; the filter box narrows the table; "What bots read" shows the namespace; missing
// credentials open the dialog and a save starts syncing; closing without a tray asks first, and
// closing dialogs never quits (B06, B07). The skill model is checked on its own too, with a
// benchmark of a 10,000-skill reset that prints figures.

#include "activitylogmodel.h"
#include "activitylogpanel.h"
#include "botsreadpanel.h"
#include "config/profilesettings.h"
#include "credentialsdialog.h"
#include "desktopfixture.h"
#include "icons.h"
#include "logfilterproxy.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "skillsortproxy.h"
#include "skilltablemodel.h"
#include "sync/shiftshaper.h"
#include "sync/syncengine.h"
#include "timetext.h"
#include "traycontroller.h"
#include "util/clock.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

#include <chrono>
#include <memory>

using namespace std::chrono_literals;

using namespace DesktopFixture;

Q_DECLARE_METATYPE(SyncStep)

namespace {

constexpr qint64 MinuteMs = 60 * 1000;

template<typename T>
T *child(QObject *parent, const char *name)
{
    auto *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qWarning("no child named %s", name);
    return found;
}

QString labelText(QWidget *window, const char *name)
{
    QLabel *label = child<QLabel>(window, name);
    return label ? label->text() : QString();
}

// The button of a message box with this text (mnemonic included), or null.
QAbstractButton *buttonWithText(const QMessageBox *box, const QString &text)
{
    QAbstractButton *found = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == text)
            found = button;
    }
    return found;
}

SkillShift skill(const QString &id, bool onShift, const QJsonObject &extra = {})
{
    QJsonObject entry = extra;
    entry.insert(QStringLiteral("skillId"), id.toLongLong());
    entry.insert(QStringLiteral("onShift"), onShift);
    return SkillShift {id, entry};
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(role).toString();
    return values;
}

// The column's display texts in ascending order, sorted the way the main window sorts.
QStringList sortedColumn(SkillTableModel &model, int sortColumn)
{
    SkillSortProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SkillTableModel::SortRole);
    proxy.sort(sortColumn, Qt::AscendingOrder);
    return column(proxy, sortColumn);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void shiftTimesReadForPeople_data();
    void shiftTimesReadForPeople();
    void skillsThatFlippedAreMarked();
    void idsSortNumerically();
    void namesSortNaturally();
    void tenThousandSkillsResetOnce();

    void waitsForTheKeychainThenSyncs();
    void keychainTimeoutOffersRetryAndWritesNothing();
    void staleWarningAfterTwiceTheInterval();
    void syncNowFillsTheTableAndTheLastSync();
    void f5SyncsNow();
    void failingSyncLeavesAClearLogEntry_data();
    void failingSyncLeavesAClearLogEntry();
    void serverTextIsNeverRenderedAsHtml();
    void pauseStopsTheTimer();
    void pauseOutlivesARestart();
    void filterBoxNarrowsTheTable_data();
    void filterBoxNarrowsTheTable();
    void whatBotsReadShowsTheNamespace();
    void missingCredentialsOpenTheDialogAndASaveStartsSyncing();
    void closingTheDialogReadsTheKeychainAgain();
    void settingsApplyButOverridesStayForThisRun();
    void remembersGeometryAndColumnWidths();
    void aboutShowsTheVersion();
    void quitWaitsForAKeychainSave();
    void quitDuringASyncEndsCleanly();
    void closingWithoutATrayAsksWhetherToQuit();
    void closingADialogNeverQuits_data();
    void closingADialogNeverQuits();

private:
    // A DesktopApp for a fresh profile whose credentials are in the keyring, after its first
    // cycle.
    void startSynced(int intervalSeconds);
    QString uniqueProfile();

    LivePersonSimulator m_simulator;
    std::unique_ptr<DesktopApp> m_app;
    int m_profiles = 0;
};

void TestMainWindow::initTestCase()
{
    qRegisterMetaType<CycleReport>();
    qRegisterMetaType<CredentialStore::Result>();
    isolateSettings();
    QVERIFY(m_simulator.start() != 0);
}

void TestMainWindow::init()
{
    m_simulator.clearFaults();
    m_simulator.clearShiftStatusOverride();
}

void TestMainWindow::cleanup()
{
    m_app.reset();
    QApplication::setQuitOnLastWindowClosed(false);
}

QString TestMainWindow::uniqueProfile()
{
    return QStringLiteral("window-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_profiles);
}

void TestMainWindow::startSynced(int intervalSeconds)
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");

    const QString profile = uniqueProfile();
    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, intervalSeconds));
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->start();
    QVERIFY(finished.wait(WaitMs));
    QVERIFY2(m_app->engine()->lastReport().ok, qPrintable(m_app->engine()->lastReport().error.toString()));
}

// ---- the skill model on its own ----

void TestMainWindow::shiftTimesReadForPeople_data()
{
    const qint64 now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::addColumn<QJsonObject>("times");
    QTest::addColumn<bool>("onShift");
    QTest::addColumn<QString>("nextOn");
    QTest::addColumn<QString>("nextOff");

    const QString inTwoHoursTen = QStringLiteral("(in 2 h 10 min)");
    QTest::newRow("both left out: 24/7") << QJsonObject() << true << QStringLiteral("24/7") << QStringLiteral("24/7");
    QTest::newRow("both null: dashes") << QJsonObject {{QStringLiteral("nextOn"), QJsonValue::Null},
        {QStringLiteral("nextOff"), QJsonValue::Null}}
                                       << false << QStringLiteral("—") << QStringLiteral("—");
    QTest::newRow("only nextOn (closed today)") << QJsonObject {{QStringLiteral("nextOn"), now + 130 * MinuteMs}}
                                                << false << inTwoHoursTen << QStringLiteral("—");
    QTest::newRow("on shift with both times") << QJsonObject {{QStringLiteral("nextOn"), now + 26 * 60 * MinuteMs},
        {QStringLiteral("nextOff"), now + 130 * MinuteMs}}
                                              << true << QStringLiteral("(in 1 d 2 h)") << inTwoHoursTen;
    QTest::newRow("a time in the past") << QJsonObject {{QStringLiteral("nextOff"), now - 3 * MinuteMs},
        {QStringLiteral("nextOn"), now + 45 * 1000}}
                                        << true << QStringLiteral("(in 45 s)") << QStringLiteral("(3 min ago)");
}

void TestMainWindow::shiftTimesReadForPeople()
{
    QFETCH(QJsonObject, times);
    QFETCH(bool, onShift);
    QFETCH(QString, nextOn);
    QFETCH(QString, nextOff);

    const ManualClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    SkillTableModel model(clock);
    model.setSkills({skill(QStringLiteral("4300000001"), onShift, times)});

    const QString shownOn = model.index(0, SkillTableModel::NextOnColumn).data().toString();
    const QString shownOff = model.index(0, SkillTableModel::NextOffColumn).data().toString();
    QVERIFY2(shownOn.endsWith(nextOn), qPrintable(shownOn));
    QVERIFY2(shownOff.endsWith(nextOff), qPrintable(shownOff));
    QCOMPARE(model.index(0, SkillTableModel::OnShiftColumn).data().toString(),
        onShift ? QStringLiteral("On shift") : QStringLiteral("Off shift"));
    // No Skills API name: the id stands in.
    QCOMPARE(model.index(0, SkillTableModel::NameColumn).data().toString(), QStringLiteral("4300000001"));
}

void TestMainWindow::skillsThatFlippedAreMarked()
{
    SkillTableModel model(Clock::system());
    model.setSkills({skill(QStringLiteral("1"), true), skill(QStringLiteral("2"), false)});
    QCOMPARE(model.changedCount(), 0); // a first sight is no change

    model.setSkills(
        {skill(QStringLiteral("1"), false), skill(QStringLiteral("2"), false), skill(QStringLiteral("3"), true)});
    QCOMPARE(model.changedCount(), 1);
    QCOMPARE(model.index(0, 0).data(SkillTableModel::ChangedRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(SkillTableModel::ChangedRole).toBool(), false);
    QCOMPARE(model.index(2, 0).data(SkillTableModel::ChangedRole).toBool(), false);
    QCOMPARE(model.index(0, SkillTableModel::OnShiftColumn).data().toString(), QStringLiteral("Off shift (changed)"));
    QVERIFY(model.index(0, SkillTableModel::NameColumn).data(Qt::FontRole).value<QFont>().bold());
}

void TestMainWindow::idsSortNumerically()
{
    SkillTableModel model(Clock::system());
    model.setSkills({skill(QStringLiteral("4300000001"), true),
        skill(QStringLiteral("900000001"), true),
        skill(QStringLiteral("1000000000"), false)});
    // As text, "4300000001" < "900000001"; as numbers it is the largest.
    QCOMPARE(sortedColumn(model, SkillTableModel::IdColumn),
        QStringList({QStringLiteral("900000001"), QStringLiteral("1000000000"), QStringLiteral("4300000001")}));
}

void TestMainWindow::namesSortNaturally()
{
    SkillTableModel model(Clock::system());
    model.setSkills(
        {skill(QStringLiteral("1"), true), skill(QStringLiteral("2"), true), skill(QStringLiteral("3"), true)});
    model.setNames({{QStringLiteral("1"), QStringLiteral("Americas 10")},
        {QStringLiteral("2"), QStringLiteral("americas 2")},
        {QStringLiteral("3"), QStringLiteral("Billing")}});
    // As plain text "Americas 10" < "americas 2"; people expect 2 before 10, whatever the case.
    QCOMPARE(sortedColumn(model, SkillTableModel::NameColumn),
        QStringList({QStringLiteral("americas 2"), QStringLiteral("Americas 10"), QStringLiteral("Billing")}));
}

// Not a timed assertion (machines differ): prints what a 10,000-skill cycle costs the table.
void TestMainWindow::tenThousandSkillsResetOnce()
{
    constexpr int Skills = 10'000;
    QList<SkillShift> skills;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < Skills; ++i) {
        skills << skill(QString::number(4'000'000'000LL + i),
            i % 3 == 0,
            {{QStringLiteral("nextOn"), now + i * MinuteMs}, {QStringLiteral("nextOff"), now + (i + 30) * MinuteMs}});
    }

    SkillTableModel model(Clock::system());
    SkillSortProxy proxy; // as the main window sorts
    proxy.setSourceModel(&model);
    proxy.setSortRole(SkillTableModel::SortRole);
    proxy.setFilterRole(SkillTableModel::FilterRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(SkillTableModel::NextOnColumn, Qt::AscendingOrder);
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QElapsedTimer timer;
    timer.start();
    model.setSkills(skills);
    QCoreApplication::processEvents();
    const qint64 firstMs = timer.restart();
    model.setSkills(skills); // the next cycle: every id seen before, flips compared
    QCoreApplication::processEvents();
    const qint64 againMs = timer.restart();
    proxy.setFilterFixedString(QStringLiteral("4000009"));
    QCoreApplication::processEvents();
    const qint64 filterMs = timer.elapsed();

    QCOMPARE(resets.count(), 2); // one reset per cycle, never per row
    QCOMPARE(model.rowCount(), Skills);
    QCOMPARE(proxy.rowCount(), 1000); // 4000009000 to 4000009999
    qInfo("10,000 skills: first reset + sort + paint %lld ms, next cycle %lld ms, filter %lld ms",
        firstMs,
        againMs,
        filterMs);
}

// ---- the app against the simulator ----

void TestMainWindow::waitsForTheKeychainThenSyncs()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    const QString profile = uniqueProfile();
    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));

    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    MainWindow *window = m_app->window();
    m_app->start();

    // Before the event loop has run, nothing has touched the keychain yet (B02).
    QVERIFY(window->isVisible());
    QCOMPARE(m_app->credentialsState(), CredentialsState::Loading);
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Waiting for the keychain…"));
    QCOMPARE(labelText(window, "lastSyncLabel"), QStringLiteral("never"));

    QTRY_COMPARE_WITH_TIMEOUT(m_app->credentialsState(), CredentialsState::Ready, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "stateLabel"), QStringLiteral("Up to date"), WaitMs);
}

// B02: a keychain that does not answer in time is not "no credentials": the app says so,
// offers Retry, asks for nothing and writes nothing, and a Retry that works starts syncing.
void TestMainWindow::keychainTimeoutOffersRetryAndWritesNothing()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    const QString profile = uniqueProfile();
    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));
    const int loginsBefore = m_simulator.requestCount(Endpoint::Login);

    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    m_app->credentialStore()->setTimeout(0ms); // every keychain job now outlives its timer
    m_app->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->credentialsState(), CredentialsState::Unavailable, WaitMs);

    MainWindow *window = m_app->window();
    QVERIFY(child<QWidget>(window, "credentialsBanner")->isVisible());
    QPushButton *retry = child<QPushButton>(window, "retryButton");
    QVERIFY(retry->isVisible());
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Keychain unavailable: not syncing"));
    QVERIFY(!labelText(window, "problemLabel").isEmpty());
    QVERIFY(!m_app->credentialsDialog()); // only "not found" asks for credentials
    QCOMPARE(m_simulator.requestCount(Endpoint::Login), loginsBefore);
    QVERIFY(!m_app->engine()->lastReport().startedAt.isValid());

    m_app->credentialStore()->setTimeout(10s);
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);
    QCOMPARE(m_app->credentialsState(), CredentialsState::Ready);
    QVERIFY(!child<QWidget>(window, "credentialsBanner")->isVisible());
}

void TestMainWindow::staleWarningAfterTwiceTheInterval()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    const QString profile = uniqueProfile();
    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));

    ManualClock clock(QDateTime::currentDateTimeUtc());
    DesktopApp::Options withClock = options(profile, m_simulator, 60);
    withClock.clock = &clock;
    m_app = std::make_unique<DesktopApp>(withClock);
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->start();
    QVERIFY(finished.wait(WaitMs));
    MainWindow *window = m_app->window();
    QVERIFY(!child<QLabel>(window, "staleLabel")->isVisible());
    QCOMPARE(m_app->tray()->look(), Icons::TrayLook::Ok);

    clock.advance(2 * 60 * 1000 + 1000); // past twice the interval, and no cycle ran
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, "staleLabel")->isVisible(), WaitMs);
    QVERIFY2(labelText(window, "staleLabel").contains(QStringLiteral("twice the sync interval")),
        qPrintable(labelText(window, "staleLabel")));
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Data is stale"));
    QVERIFY2(labelText(window, "lastSyncLabel").contains(QStringLiteral("2 min ago")),
        qPrintable(labelText(window, "lastSyncLabel")));
    QCOMPARE(m_app->tray()->look(), Icons::TrayLook::Stale);
    m_app.reset(); // before the clock goes
}

void TestMainWindow::syncNowFillsTheTableAndTheLastSync()
{
    startSynced(3600);
    MainWindow *window = m_app->window();
    SyncEngine *engine = m_app->engine();
    QCOMPARE(window->skillModel()->rowCount(), m_simulator.account().skillCount);
    const QDateTime firstSync = engine->lastSuccessAt();

    // The account changes: three skills now, one of them above 2^32 and off shift.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_simulator.setShiftStatusBody(QJsonArray {
        QJsonObject {{QStringLiteral("skillId"), 11}, {QStringLiteral("onShift"), true}},
        QJsonObject {{QStringLiteral("skillId"), 4300000001LL},
            {QStringLiteral("onShift"), false},
            {QStringLiteral("nextOn"), now + 130 * MinuteMs},
            {QStringLiteral("nextOff"), now + 300 * MinuteMs}},
        QJsonObject {{QStringLiteral("skillId"), 12},
            {QStringLiteral("onShift"), false},
            {QStringLiteral("nextOn"), QJsonValue::Null},
            {QStringLiteral("nextOff"), QJsonValue::Null}},
    });
    const int fetchesBefore = m_simulator.requestCount(Endpoint::ShiftStatus);

    QSignalSpy finished(engine, &SyncEngine::cycleFinished);
    QTest::mouseClick(child<QPushButton>(window, "syncNowButton"), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);
    QCOMPARE(m_simulator.requestCount(Endpoint::ShiftStatus), fetchesBefore + 1);

    QAbstractItemModel *model = window->skillModel();
    QCOMPARE(model->rowCount(), 3);
    QStringList ids = column(*model, SkillTableModel::IdColumn);
    ids.sort();
    QCOMPARE(ids, QStringList({QStringLiteral("11"), QStringLiteral("12"), QStringLiteral("4300000001")}));
    const QString count = labelText(window, "skillCountLabel");
    QVERIFY2(count == QStringLiteral("Skills: 3") || count.startsWith(QStringLiteral("Skills: 3 · ")),
        qPrintable(count));

    QVERIFY(engine->lastSuccessAt() > firstSync);
    const QString lastSync = labelText(window, "lastSyncLabel");
    QVERIFY2(lastSync.startsWith(TimeText::localTime(engine->lastSuccessAt(), QDateTime::currentDateTimeUtc())),
        qPrintable(lastSync));
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Up to date"));
    QVERIFY2(labelText(window, "lastCycleLabel").contains(QStringLiteral("shift status")),
        qPrintable(labelText(window, "lastCycleLabel")));
}

void TestMainWindow::f5SyncsNow()
{
    startSynced(3600);
    MainWindow *window = m_app->window();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));

    QSignalSpy started(m_app->engine(), &SyncEngine::cycleStarted);
    QTest::keyClick(window, Qt::Key_F5);
    QVERIFY(started.count() == 1 || started.wait(WaitMs));
}

void TestMainWindow::failingSyncLeavesAClearLogEntry_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("expireSessions");
    QTest::addColumn<SyncStep>("step");

    QTest::newRow("shift status answers 500") << Endpoint::ShiftStatus << 500 << false << SyncStep::FetchShiftStatus;
    QTest::newRow("login refuses the credentials (401)") << Endpoint::Login << 401 << true << SyncStep::Login;
    QTest::newRow("context store refuses the key (403)") << Endpoint::ContextWrite << 403 << false << SyncStep::Write;
}

void TestMainWindow::failingSyncLeavesAClearLogEntry()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(int, status);
    QFETCH(bool, expireSessions);
    QFETCH(SyncStep, step);

    startSynced(3600);
    MainWindow *window = m_app->window();
    const int goodRows = window->skillModel()->rowCount();
    m_simulator.setFault(endpoint, Fault::withStatus(status));
    if (expireSessions)
        m_simulator.expireAllSessions(); // so that this cycle has to log in again

    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    QTest::mouseClick(child<QPushButton>(window, "syncNowButton"), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));
    const CycleReport report = finished.first().first().value<CycleReport>();
    QVERIFY(!report.ok);

    // The newest error row names the step and the status and says what to do.
    const ActivityLogModel *log = window->logPanel()->findChild<ActivityLogModel *>();
    QVERIFY(log);
    int errorRow = -1;
    for (int row = log->rowCount() - 1; row >= 0 && errorRow < 0; --row) {
        if (log->entry(row).level == LogEntry::Level::Error)
            errorRow = row;
    }
    QVERIFY(errorRow >= 0);
    const LogEntry &entry = log->entry(errorRow);
    QCOMPARE(entry.step, step);
    QVERIFY2(entry.message.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(entry.message));
    QVERIFY2(entry.message.contains(QStringLiteral(". ")), qPrintable(entry.message)); // a hint follows
    QVERIFY(!entry.message.contains(m_simulator.account().clientSecret));

    // Shown in the status panel too; the table keeps the last good data.
    QVERIFY2(labelText(window, "stateLabel").startsWith(QStringLiteral("Sync failed")),
        qPrintable(labelText(window, "stateLabel")));
    QCOMPARE(labelText(window, "problemLabel"), entry.message);
    QCOMPARE(window->skillModel()->rowCount(), goodRows);

    // The "errors only" filter keeps it.
    window->logPanel()->proxy()->setMinimumLevel(LogEntry::Level::Error);
    QVERIFY(window->logPanel()->proxy()->rowCount() >= 1);
    QVERIFY(window->logPanel()->textToCopy().contains(entry.message));
}

// An error body is the server's text, not markup: a heading, a link or a huge image in it
// must show literally and must not stretch the window (found by a new-user test).
void TestMainWindow::serverTextIsNeverRenderedAsHtml()
{
    startSynced(3600);
    MainWindow *window = m_app->window();
    const QSize before = window->sizeHint();
    Fault fault = Fault::withStatus(400);
    fault.body = R"({"message":"<h1>BIG</h1><a href='https://x.invalid'>click</a><img width='4000' height='3000'>"})";
    m_simulator.setFault(Endpoint::ShiftStatus, fault);

    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    QTest::mouseClick(child<QPushButton>(window, "syncNowButton"), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMs));

    auto *problem = child<QLabel>(window, "problemLabel");
    QCOMPARE(problem->textFormat(), Qt::PlainText);
    QVERIFY2(problem->text().contains(QStringLiteral("<h1>BIG</h1>")), qPrintable(problem->text()));
    QVERIFY(window->sizeHint().width() < before.width() + 2000);
    QVERIFY(window->sizeHint().height() < before.height() + 1000);

    const ActivityLogModel *log = window->logPanel()->findChild<ActivityLogModel *>();
    const QString tip
        = log->data(log->index(log->rowCount() - 1, ActivityLogModel::MessageColumn), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;h1&gt;")) && !tip.contains(QStringLiteral("<h1>")), qPrintable(tip));
}

void TestMainWindow::pauseStopsTheTimer()
{
    startSynced(1); // the simulator is loopback, so one-second intervals are accepted
    MainWindow *window = m_app->window();
    SyncEngine *engine = m_app->engine();
    QSignalSpy started(engine, &SyncEngine::cycleStarted);
    QSignalSpy finished(engine, &SyncEngine::cycleFinished);

    // The timer runs: the next cycle comes by itself.
    QVERIFY(started.wait(WaitMs));
    QVERIFY(finished.wait(WaitMs));

    QPushButton *pauseButton = child<QPushButton>(window, "pauseButton");
    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(m_app->isPaused());
    QCOMPARE(engine->state(), EngineState::Paused);
    QVERIFY(!engine->nextSyncAt().isValid());
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Paused"));
    QCOMPARE(labelText(window, "nextSyncLabel"), QStringLiteral("none while paused"));
    QCOMPARE(pauseButton->text(), QStringLiteral("&Resume"));

    // Two and a half intervals without a cycle.
    started.clear();
    QVERIFY(!started.wait(2500));

    QTest::mouseClick(pauseButton, Qt::LeftButton);
    QVERIFY(!m_app->isPaused());
    QVERIFY(started.count() == 1 || started.wait(WaitMs));
}

void TestMainWindow::pauseOutlivesARestart()
{
    startSynced(3600);
    const QString profile = m_app->config().profile;
    m_app->pause();
    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    m_app->quit();
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));

    // Started again, it stays paused: no cycle until Resume.
    m_simulator.clearRequests();
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    QSignalSpy started(m_app->engine(), &SyncEngine::cycleStarted);
    m_app->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->credentialsState(), CredentialsState::Ready, WaitMs);
    QVERIFY(m_app->isPaused());
    QVERIFY(!started.wait(1000));
    QCOMPARE(m_simulator.requestCount(Endpoint::ShiftStatus), 0);

    m_app->resume();
    QVERIFY(started.count() == 1 || started.wait(WaitMs));
    QVERIFY(!QSettings().contains(QStringLiteral("profiles/%1/paused").arg(profile)));
}

void TestMainWindow::filterBoxNarrowsTheTable_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("byFirstName");

    QTest::newRow("an id") << QStringLiteral("4300000001") << false;
    QTest::newRow("part of a name, any case") << QString() << true;
    QTest::newRow("no match") << QStringLiteral("zzz-no-such-skill") << false;
    QTest::newRow("empty shows all") << QString() << false;
}

void TestMainWindow::filterBoxNarrowsTheTable()
{
    QFETCH(QString, filter);
    QFETCH(bool, byFirstName);

    startSynced(3600);
    MainWindow *window = m_app->window();
    const QHash<QString, QString> names = m_app->engine()->skillNames();
    QVERIFY(!names.isEmpty());
    if (byFirstName)
        filter = names.value(m_app->engine()->skills().constFirst().id).left(5).toUpper();

    // What the filter must leave: skills whose id or name contain the text.
    int expected = 0;
    for (const SkillShift &shift : m_app->engine()->skills()) {
        const QString text = shift.id + QLatin1Char(' ') + names.value(shift.id);
        expected += text.contains(filter, Qt::CaseInsensitive) ? 1 : 0;
    }

    QLineEdit *edit = child<QLineEdit>(window, "filterEdit");
    QTest::keyClicks(edit, filter);
    QCOMPARE(window->skillProxy()->rowCount(), expected);
    const int total = window->skillModel()->rowCount();
    if (expected != total)
        QCOMPARE(labelText(window, "skillCountLabel"), QStringLiteral("Shown: %1 of %2").arg(expected).arg(total));
    if (filter == QLatin1String("4300000001"))
        QCOMPARE(expected, 1);

    edit->clear();
    QCOMPARE(window->skillProxy()->rowCount(), total);
}

void TestMainWindow::whatBotsReadShowsTheNamespace()
{
    startSynced(3600);
    BotsReadPanel *panel = m_app->window()->botsReadPanel();
    QPushButton *refresh = child<QPushButton>(panel, "refreshButton");

    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->json().contains(QStringLiteral("\"4300000001\"")), WaitMs);
    QVERIFY(panel->json().contains(QStringLiteral("\"timestamp\"")));
    QVERIFY2(panel->summary().contains(QStringLiteral("shift-status-api")), qPrintable(panel->summary()));
    QVERIFY(refresh->isEnabled());

    // A refused read says why.
    m_simulator.setFault(Endpoint::ContextRead, Fault::withStatus(403));
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->summary().contains(QStringLiteral("HTTP 403")), WaitMs);
}

void TestMainWindow::missingCredentialsOpenTheDialogAndASaveStartsSyncing()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    const QString profile = uniqueProfile();
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    m_app->start();

    QTRY_COMPARE_WITH_TIMEOUT(m_app->credentialsState(), CredentialsState::Missing, WaitMs);
    QTRY_VERIFY(m_app->credentialsDialog() && m_app->credentialsDialog()->isVisible());
    MainWindow *window = m_app->window();
    QVERIFY(child<QWidget>(window, "credentialsBanner")->isVisible());
    QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("No credentials stored"));
    QCOMPARE(window->skillModel()->rowCount(), 0);

    // The operator types the demo bot's credentials and saves.
    CredentialsDialog *dialog = m_app->credentialsDialog();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isWaitingForKeychain(), WaitMs);
    const Credentials demo = demoCredentials(m_simulator);
    QTest::keyClicks(child<QLineEdit>(dialog, "usernameEdit"), demo.username);
    QTest::keyClicks(child<QLineEdit>(dialog, "clientIdEdit"), demo.appKey);
    QTest::keyClicks(child<QLineEdit>(dialog, "clientSecretEdit"), demo.secret);
    QTest::keyClicks(child<QLineEdit>(dialog, "mavenApiKeyEdit"), demo.mavenApiKey);
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    QPushButton *save = child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Save);
    QVERIFY2(save->isEnabled(), qPrintable(dialog->saveBlockedReason()));
    QTest::mouseClick(save, Qt::LeftButton);

    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);
    QCOMPARE(m_app->credentialsState(), CredentialsState::Ready);
    QVERIFY(!child<QWidget>(window, "credentialsBanner")->isVisible());
    QCOMPARE(window->skillModel()->rowCount(), m_simulator.account().skillCount);

    // Quit and start again: the credentials come back from the keychain.
    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    m_app->quit();
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    QSignalSpy again(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->start();
    QVERIFY(again.wait(WaitMs));
    QVERIFY(again.first().first().value<CycleReport>().ok);
    QVERIFY(!m_app->credentialsDialog());
}

// A locked keyring reads as "not found". Once it is unlocked (here: the entries appear), closing
// the dialog without saving must start syncing, with no restart and no second write.
void TestMainWindow::closingTheDialogReadsTheKeychainAgain()
{
    if (!requireKeyring())
        QSKIP("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    const QString profile = uniqueProfile();
    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    m_app->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->credentialsState(), CredentialsState::Missing, WaitMs);
    QTRY_VERIFY(m_app->credentialsDialog() && m_app->credentialsDialog()->isVisible());

    QVERIFY(storeCredentials(profile, demoCredentials(m_simulator)));
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    m_app->credentialsDialog()->reject();

    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);
    QCOMPARE(m_app->credentialsState(), CredentialsState::Ready);
    QTRY_VERIFY(!m_app->credentialsDialog()); // deleted on close
}

void TestMainWindow::settingsApplyButOverridesStayForThisRun()
{
    startSynced(3600);
    const QString profile = m_app->config().profile;
    m_app->openSettings();
    SettingsDialog *dialog = m_app->settingsDialog();
    QVERIFY(dialog);

    // The dialog shows the saved settings, not this run's command-line endpoints.
    QLineEdit *csds = child<QLineEdit>(dialog, "csdsUrlEdit");
    QVERIFY(!csds->text().contains(m_simulator.baseUrl().authority()));
    // ...and says which values this run's options override, so a saved change is not a mystery.
    const QString overrides = labelText(dialog, "overridesLabel");
    QVERIFY2(overrides.contains(QStringLiteral("CSDS URL ") + m_simulator.baseUrl().toString()), qPrintable(overrides));

    const QString renamed = QStringLiteral("shiftsync_test_ns");
    QLineEdit *ns = child<QLineEdit>(dialog, "namespaceEdit");
    ns->clear();
    QTest::keyClicks(ns, renamed);
    child<QCheckBox>(dialog, "notificationsCheck")->setChecked(false);
    QSignalSpy finished(m_app->engine(), &SyncEngine::cycleFinished);
    QPushButton *ok = child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok);
    QVERIFY2(ok->isEnabled(), qPrintable(dialog->problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(ok, Qt::LeftButton);

    // Applied at once: a fresh cycle writes the renamed namespace, still at the simulator.
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(finished.first().first().value<CycleReport>().ok);
    QCOMPARE(m_app->config().contextNamespace, renamed);
    QVERIFY(!m_simulator.contextProperties(renamed).isEmpty());
    QVERIFY(!m_app->tray()->notificationsEnabled());

    // Saved without the overrides, which stay for this run only.
    QSettings settings;
    const ProfileConfig saved = ProfileSettings::load(settings, profile);
    QCOMPARE(saved.contextNamespace, renamed);
    QVERIFY(saved.csdsUrl != m_simulator.baseUrl());
    QCOMPARE(m_app->config().csdsUrl, m_simulator.baseUrl());
}

void TestMainWindow::remembersGeometryAndColumnWidths()
{
    startSynced(3600);
    const QString profile = m_app->config().profile;
    MainWindow *window = m_app->window();
    window->resize(1000, 640);
    QHeaderView *header = child<QTableView>(window, "skillView")->horizontalHeader();
    header->resizeSection(SkillTableModel::NameColumn, 333);

    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    m_app->quit();
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));
    m_app.reset();

    m_app = std::make_unique<DesktopApp>(options(profile, m_simulator, 3600));
    m_app->start();
    window = m_app->window();
    QCOMPARE(window->size(), QSize(1000, 640));
    QCOMPARE(child<QTableView>(window, "skillView")->horizontalHeader()->sectionSize(SkillTableModel::NameColumn), 333);
}

void TestMainWindow::aboutShowsTheVersion()
{
    startSynced(3600);
    QString text;
    QTimer::singleShot(0, this, [&text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        text = box->text();
        box->accept();
    });
    m_app->window()->showAbout(); // modal: returns once the box is closed
    QVERIFY2(text.contains(QStringLiteral("ShiftSync " SHIFTSYNC_VERSION)), qPrintable(text));
}

// B04: Quit with a keychain save in flight waits for the keychain before it finishes.
void TestMainWindow::quitWaitsForAKeychainSave()
{
    startSynced(3600);
    CredentialStore *store = m_app->credentialStore();
    QSignalSpy written(store, &CredentialStore::writeFinished);
    int writesWhenDone = -1;
    connect(m_app.get(), &DesktopApp::quitFinished, this, [&] { writesWhenDone = int(written.count()); });

    store->write(m_app->config().profile, demoCredentials(m_simulator));
    QVERIFY(store->hasPendingWrite());
    m_app->quit();
    QVERIFY(m_app->window()->statusBar()->currentMessage().contains(QStringLiteral("Saving the credentials")));

    QTRY_VERIFY_WITH_TIMEOUT(writesWhenDone >= 0, DesktopApp::QuitWaitMs + WaitMs);
    QCOMPARE(writesWhenDone, 1);
    QVERIFY(written.first().at(1).value<CredentialStore::Result>().isOk());
}

// A cycle stuck on a slow server does not hold Quit up: the engine drops it and logs out.
void TestMainWindow::quitDuringASyncEndsCleanly()
{
    startSynced(3600);
    Fault slow = Fault::ofKind(Fault::Kind::Delay);
    slow.delayMs = 8000;
    m_simulator.setFault(Endpoint::ShiftStatus, slow);
    m_app->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->engine()->currentStep(), SyncStep::FetchShiftStatus, WaitMs);

    const int logoutsBefore = m_simulator.requestCount(Endpoint::Logout);
    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    QElapsedTimer timer;
    timer.start();
    m_app->quit();
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));
    QVERIFY2(timer.elapsed() < slow.delayMs, "Quit waited for the slow server");
    QCOMPARE(m_simulator.requestCount(Endpoint::Logout), logoutsBefore + 1);
}

// Offscreen there is never a tray, so hiding the window would leave nothing to reach (B06).
void TestMainWindow::closingWithoutATrayAsksWhetherToQuit()
{
    startSynced(3600);
    QVERIFY(!m_app->tray()->isAvailable());
    MainWindow *window = m_app->window();

    window->close();
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = window->findChild<QMessageBox *>(QStringLiteral("quitQuestion"))));
    QVERIFY(window->isVisible());
    QAbstractButton *minimize = buttonWithText(question, QStringLiteral("&Minimize"));
    QVERIFY(minimize);
    QTest::mouseClick(minimize, Qt::LeftButton);
    QTRY_VERIFY(window->isMinimized());
    QVERIFY(window->isVisible());
    QVERIFY(!m_app->isQuitting());

    // Asked again, the operator quits: the engine shuts down and the app reports it is done.
    QSignalSpy quitFinished(m_app.get(), &DesktopApp::quitFinished);
    window->close();
    QTRY_VERIFY((question = window->findChild<QMessageBox *>(QStringLiteral("quitQuestion"))));
    QAbstractButton *quit = buttonWithText(question, QStringLiteral("&Quit"));
    QVERIFY(quit);
    QTest::mouseClick(quit, Qt::LeftButton);
    QVERIFY(quitFinished.count() == 1 || quitFinished.wait(WaitMs));
    QVERIFY(m_app->isQuitting());
}

void TestMainWindow::closingADialogNeverQuits_data()
{
    QTest::addColumn<QString>("window");
    QTest::addColumn<bool>("qtDefaultPolicy");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("credentials dialog") << QStringLiteral("credentials") << false << 42;
    QTest::newRow("settings dialog") << QStringLiteral("settings") << false << 42;
    // The dialogs have the main window as parent, so they are never Qt's "last primary window";
    // a parentless window is, and the app's policy must keep it from quitting as well.
    QTest::newRow("a window without a parent") << QStringLiteral("parentless") << false << 42;
    // The control: with Qt's default policy the same steps do quit, so the rows above can fail.
    QTest::newRow("control: Qt's default policy quits") << QStringLiteral("parentless") << true << 0;
}

// The main window hidden (as in the tray) and one other window open: closing it must not end
// the event loop (B07). The loop runs for real here, because Qt only quits from inside exec().
void TestMainWindow::closingADialogNeverQuits()
{
    QFETCH(QString, window);
    QFETCH(bool, qtDefaultPolicy);
    QFETCH(int, exitCode);

    startSynced(3600);
    m_app->window()->hide();
    std::unique_ptr<QWidget> parentless;
    QWidget *open = nullptr;
    if (window == QLatin1String("credentials")) {
        m_app->openCredentials();
        open = m_app->credentialsDialog();
    } else if (window == QLatin1String("settings")) {
        m_app->openSettings();
        open = m_app->settingsDialog();
    } else {
        parentless = std::make_unique<QWidget>();
        parentless->show();
        open = parentless.get();
    }
    QVERIFY(open);
    QVERIFY(QTest::qWaitForWindowExposed(open));
    if (qtDefaultPolicy)
        QApplication::setQuitOnLastWindowClosed(true);

    QTimer::singleShot(0, open, [open] { open->close(); });
    QTimer::singleShot(500, qApp, [] { QCoreApplication::exit(42); });
    QCOMPARE(QApplication::exec(), exitCode);
    QVERIFY(!m_app->isQuitting());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
