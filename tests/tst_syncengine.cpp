// The sync engine against the simulator over real loopback HTTP: the fault matrix of B09, B12,
// B14, B17, B18, B19 and B20. For every fault the cycle must end before the PATCH with the
// right step and kind, leave the last good data in the store, name host and status without
// any secret, and schedule the next attempt as the retry policy says. Time is a ManualClock,
// so retry delays are read from nextSyncAt() instead of being waited for.

#include "api/loginsession.h"
#include "simfixture.h"
#include "sync/activitylog.h"
#include "sync/syncengine.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(ErrorKind)
Q_DECLARE_METATYPE(SyncStep)
Q_DECLARE_METATYPE(Fault)

namespace {

constexpr int CycleTimeoutMs = 8000;

// The expected delay for faults that stop automatic syncing until the operator acts.
constexpr qint64 Halted = -1;

const QString Namespace = QStringLiteral("shift-status-api");

// Every message of the product's own logging categories, kept so that a test can search
// them for secrets. They are printed too only when SHIFTSYNC_TEST_VERBOSE is set: 200
// cycles of warnings would bury the test results. Qt's and the simulator's messages pass.
QStringList &capturedLines()
{
    static QStringList lines;
    return lines;
}

QtMessageHandler &previousHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QLatin1String category(context.category ? context.category : "");
    const bool product = category.startsWith(QLatin1String("shiftsync."))
        && !category.startsWith(QLatin1String("shiftsync.simulator"));
    if (product)
        capturedLines().append(message);

    static const bool verbose = qEnvironmentVariableIsSet("SHIFTSYNC_TEST_VERBOSE");
    if ((!product || verbose) && previousHandler())
        previousHandler()(type, context, message);
}

// A fault that does nothing: for rows whose failure comes from the settings instead.
Fault noFault()
{
    Fault fault;
    fault.times = 0;
    return fault;
}

Fault withBody(Fault fault, const QByteArray &body)
{
    fault.body = body;
    return fault;
}

Fault once(Fault fault)
{
    fault.times = 1;
    return fault;
}

EngineState stateAfter(ErrorKind kind, qint64 delay)
{
    if (delay == Halted)
        return EngineState::Error;
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::Server:
    case ErrorKind::Throttled:
        return EngineState::WaitingToRetry;
    default:
        return EngineState::Error;
    }
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstCycleThenWarmCycles();
    void faultMatrix_data();
    void faultMatrix();
    void transientRetrySchedule_data();
    void transientRetrySchedule();
    void haltedLoginWaitsForOperator();
    void reloginOnceWithinCycle();
    void secondRejectionAfterReloginFails();
    void tokenExpiryOverFiveCycles();
    void loginWithoutBearerNeverFetches_data();
    void loginWithoutBearerNeverFetches();
    void manualSyncJoinsRunningCycle();
    void noReplyLeaksOverManyCycles();
    void emptyShiftStatusIsNotWritten();
    void vanishedSkills_data();
    void vanishedSkills();
    void pruningRefusesMassDeletion();
    void pruningOnlyTouchesWhatItWrote();
    void reservedNamespaceRefusedBeforeAnyRequest();
    void secretsNeverReachText();
    void shutdownLogsOut();
    void shutdownDropsStalledCycle();

private:
    bool runCycle();
    bool seed();
    void verifyLastCycleFailed(SyncStep step, ErrorKind kind, QStringView why) const;
    qint64 nextDelayMs() const;
    QByteArrayList bearersSeen() const;
    QStringList secrets() const;

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SyncEngine> m_engine;
};

void TestSyncEngine::initTestCase()
{
    qRegisterMetaType<CycleReport>();
    previousHandler() = qInstallMessageHandler(captureMessage);
}

void TestSyncEngine::init()
{
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->start());
    m_engine = std::make_unique<SyncEngine>(&m_sim->http, m_sim->clock);
    m_engine->setConfig(m_sim->config());
    m_engine->setCredentials(m_sim->credentials());
    capturedLines().clear();
}

void TestSyncEngine::cleanup()
{
    Logging::installDefaultRules();

    // Replies are freed on every path (B12), checked after every test and every row.
    const bool idle = m_engine->state() != EngineState::Syncing;
    m_engine.reset();
    if (idle) {
        QCOMPARE(m_sim->http.repliesInFlight(), 0);
        QTRY_COMPARE(m_sim->liveReplies(), 0);
    }
    m_sim.reset();
}

// Runs one cycle through syncNow() and waits for its report.
bool TestSyncEngine::runCycle()
{
    QSignalSpy finished(m_engine.get(), &SyncEngine::cycleFinished);
    m_engine->syncNow();
    return !finished.isEmpty() || finished.wait(CycleTimeoutMs);
}

// One good cycle, so that the store holds data a failed cycle must not overwrite.
bool TestSyncEngine::seed()
{
    if (!runCycle() || !m_engine->lastReport().ok) {
        qWarning().noquote() << "seed cycle failed:" << m_engine->lastReport().error.toString();
        return false;
    }
    return m_sim->simulator.contextNamespaces().contains(Namespace);
}

// The last cycle failed at `step` with `kind`, its message saying why. Callers check
// QTest::currentTestFailed() after it, as after any helper that verifies.
void TestSyncEngine::verifyLastCycleFailed(SyncStep step, ErrorKind kind, QStringView why) const
{
    const CycleReport report = m_engine->lastReport();
    QVERIFY(!report.ok);
    QCOMPARE(report.error.step, step);
    QCOMPARE(report.error.kind, kind);
    QVERIFY2(report.error.toString().contains(why), qPrintable(report.error.toString()));
}

qint64 TestSyncEngine::nextDelayMs() const
{
    return m_sim->clock.nowUtc().msecsTo(m_engine->nextSyncAt());
}

// Every bearer the product sent, from the Authorization headers the simulator recorded.
QByteArrayList TestSyncEngine::bearersSeen() const
{
    QByteArrayList bearers;
    for (const RecordedRequest &request : m_sim->simulator.requests()) {
        const QByteArray header = request.header("Authorization");
        if (header.startsWith("Bearer ") && !bearers.contains(header.mid(7)))
            bearers.append(header.mid(7));
    }
    return bearers;
}

QStringList TestSyncEngine::secrets() const
{
    QStringList values {m_sim->account().clientSecret, m_sim->account().mavenApiKey};
    for (const QByteArray &bearer : bearersSeen())
        values << QString::fromLatin1(bearer);
    return values;
}

void TestSyncEngine::firstCycleThenWarmCycles()
{
    QVERIFY(runCycle());
    CycleReport report = m_engine->lastReport();
    QVERIFY2(report.ok, qPrintable(report.error.toString()));
    QVERIFY(report.loggedIn);
    QCOMPARE(report.requests, quint64(4)); // CSDS, login, shift status, PATCH
    QCOMPARE(report.skills, m_sim->account().skillCount);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Csds), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 1);
    QCOMPARE(m_engine->state(), EngineState::Idle);
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);

    // Warm: the session and the domains are reused, so only the fetch and the write remain.
    for (int cycle = 2; cycle <= 4; ++cycle) {
        m_sim->clock.advance(SimFixture::IntervalMs);
        m_sim->simulator.clearRequests();
        QVERIFY(runCycle());
        report = m_engine->lastReport();
        QVERIFY2(report.ok, qPrintable(report.error.toString()));
        QVERIFY(!report.loggedIn);
        QCOMPARE(report.requests, quint64(2));
        QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 1);
        QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 1);
        QCOMPARE(m_sim->simulator.requestCount(Endpoint::Any), 2);
        QCOMPARE(report.timestamp, m_sim->simulator.contextProperties(Namespace).value(QLatin1String("timestamp")));
    }
}

void TestSyncEngine::faultMatrix_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("mavenKey"); // a wrong key to store, or empty
    QTest::addColumn<SyncStep>("step");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<int>("status"); // 0: no HTTP status to name
    QTest::addColumn<qint64>("delay"); // ms until the next attempt, or Halted
    QTest::addColumn<bool>("writeLands"); // the server applied the PATCH before failing
    QTest::addColumn<QString>("detail");

    using K = Fault::Kind;
    const qint64 interval = SimFixture::IntervalMs;
    Fault html200 = Fault::ofKind(K::HtmlPage);
    html200.status = 200;

    struct At
    {
        Endpoint endpoint;
        SyncStep step;
        const char *name;
    };
    const At login {Endpoint::Login, SyncStep::Login, "login"};
    const At fetch {Endpoint::ShiftStatus, SyncStep::FetchShiftStatus, "shift-status"};
    const At write {Endpoint::ContextWrite, SyncStep::Write, "context-write"};

    const auto row = [](const At &at,
                         const char *what,
                         const Fault &fault,
                         ErrorKind kind,
                         int status,
                         qint64 delay,
                         const QString &detail = {},
                         bool writeLands = false) {
        QTest::addRow("%s: %s", at.name, what)
            << at.endpoint << fault << QString() << at.step << kind << status << delay << writeLands << detail;
    };

    // B09, B12: no answer, half an answer, no connection.
    for (const At &at : {login, fetch, write}) {
        row(at, "stall (B09)", Fault::ofKind(K::Stall), ErrorKind::Timeout, 0, 5000, QStringLiteral("timed out"));
        row(at,
            "stall mid body",
            Fault::ofKind(K::StallMidBody),
            ErrorKind::Timeout,
            0,
            5000,
            QStringLiteral("timed out"),
            at.endpoint == Endpoint::ContextWrite);
        row(at, "connection reset", Fault::ofKind(K::Reset), ErrorKind::Network, 0, 5000);
        row(at, "500", Fault::withStatus(500), ErrorKind::Server, 500, 5000);
        row(at, "502 HTML page (B17)", Fault::ofKind(K::HtmlPage), ErrorKind::Server, 502, 5000);
    }

    // B17: answers that are not the JSON documented, where JSON is read.
    for (const At &at : {login, fetch}) {
        row(at, "200 HTML page", html200, ErrorKind::BadData, 200, interval, QStringLiteral("text/html"));
        row(at, "empty body", Fault::ofKind(K::EmptyBody), ErrorKind::BadData, 200, interval);
        row(at, "truncated JSON", Fault::ofKind(K::TruncatedJson), ErrorKind::BadData, 200, interval);
        row(at, "wrong type", Fault::ofKind(K::WrongType), ErrorKind::BadData, 200, interval);
    }

    // A captive portal answering the write with a page is not a write (found by a new-user test).
    row(write, "200 HTML page", html200, ErrorKind::BadData, 200, interval, QStringLiteral("text/html"));

    // B19: throttling waits 5 s for login, 1 s otherwise, or Retry-After when longer.
    row(login, "429", Fault::withStatus(429), ErrorKind::Throttled, 429, 5000);
    row(login, "429 with Retry-After 7", Fault::withStatus(429, 7), ErrorKind::Throttled, 429, 7000);
    row(login, "429 with Retry-After 2", Fault::withStatus(429, 2), ErrorKind::Throttled, 429, 5000);
    row(fetch, "429", Fault::withStatus(429), ErrorKind::Throttled, 429, 1000);
    row(fetch, "429 with Retry-After 7", Fault::withStatus(429, 7), ErrorKind::Throttled, 429, 7000);
    row(write, "429", Fault::withStatus(429), ErrorKind::Throttled, 429, 1000);
    row(write, "429 with Retry-After 7", Fault::withStatus(429, 7), ErrorKind::Throttled, 429, 7000);

    // B18, B19: credentials and tokens.
    row(login,
        "401 oauth_problem",
        withBody(Fault::withStatus(401), R"({"error":"oauth_problem=signature_invalid"})"),
        ErrorKind::Unauthorized,
        401,
        Halted,
        QStringLiteral("signature_invalid"));
    row(login, "no bearer", Fault::ofKind(K::NoBearer), ErrorKind::BadData, 200, interval, QStringLiteral("bearer"));
    row(login, "null bearer", Fault::ofKind(K::NullBearer), ErrorKind::BadData, 200, interval);
    row(login, "451 blocked", Fault::withStatus(451), ErrorKind::Blocked, 451, Halted);
    row(fetch,
        "401 before and after re-login",
        withBody(Fault::withStatus(401), R"({"error":"token expired"})"),
        ErrorKind::Unauthorized,
        401,
        interval,
        QStringLiteral("token rejected after re-login"));

    // B20: endpoints, namespaces, sizes and retired APIs.
    row(fetch, "410 retired", Fault::withStatus(410), ErrorKind::Retired, 410, interval);
    row(write, "413 document too large", Fault::withStatus(413), ErrorKind::TooLarge, 413, interval);
    row(write, "410 retired", Fault::withStatus(410), ErrorKind::Retired, 410, interval);
    row(write, "451 blocked", Fault::withStatus(451), ErrorKind::Blocked, 451, Halted);
    row(write,
        "reserved namespace 400",
        withBody(Fault::withStatus(400), R"({"message":"Namespace conversation is reserved"})"),
        ErrorKind::Rejected,
        400,
        interval,
        QStringLiteral("reserved"));
    QTest::newRow("context-write: wrong maven key 403")
        << Endpoint::ContextWrite << noFault() << QStringLiteral("wrong-maven-key") << SyncStep::Write
        << ErrorKind::Unauthorized << 403 << Halted << false << QStringLiteral("maven-api-key");
}

void TestSyncEngine::faultMatrix()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(Fault, fault);
    QFETCH(QString, mavenKey);
    QFETCH(SyncStep, step);
    QFETCH(ErrorKind, kind);
    QFETCH(int, status);
    QFETCH(qint64, delay);
    QFETCH(bool, writeLands);
    QFETCH(QString, detail);

    QVERIFY(seed());
    const QByteArray goodData = m_sim->simulator.contextPropertiesJson(Namespace);

    // A second later, so that a write that got through would change the timestamp.
    m_sim->clock.advance(1000);
    if (endpoint == Endpoint::Login)
        m_engine->session()->invalidate();
    if (!mavenKey.isEmpty()) {
        Credentials credentials = m_sim->credentials();
        credentials.mavenApiKey = mavenKey;
        m_engine->setCredentials(credentials);
    }
    m_sim->simulator.clearRequests();
    // A 204 has no body to stall in; the older 200 {"cas":...} answer has one.
    if (endpoint == Endpoint::ContextWrite && fault.kind == Fault::Kind::StallMidBody)
        m_sim->simulator.setFault(endpoint, Fault::ofKind(Fault::Kind::CasBody));
    m_sim->simulator.addFault(endpoint, fault);

    QSignalSpy started(m_engine.get(), &SyncEngine::cycleStarted);
    QVERIFY(runCycle());
    QCOMPARE(started.size(), 1);

    // The right step and kind.
    const CycleReport report = m_engine->lastReport();
    QVERIFY(!report.ok);
    QCOMPARE(report.error.step, step);
    QCOMPARE(report.error.kind, kind);
    if (status > 0)
        QCOMPARE(report.error.httpStatus, status);

    // Which step, which host, which status, what to do; and no secret.
    const QString text = report.error.toString();
    QVERIFY2(text.startsWith(stepName(step) + QStringLiteral(" at ") + m_sim->host()), qPrintable(text));
    if (status > 0)
        QVERIFY2(text.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(text));
    QVERIFY2(text.contains(detail), qPrintable(text));
    QVERIFY(!report.error.hint.isEmpty() || !defaultHint(step, kind, status).isEmpty());
    const QByteArray json = QJsonDocument(report.toJson()).toJson();
    for (const QString &secret : secrets()) {
        QVERIFY2(!text.contains(secret), qPrintable(text));
        QVERIFY2(!json.contains(secret.toUtf8()), json.constData());
    }
    const QList<LogEntry> entries = m_engine->activityLog()->entries();
    QVERIFY(std::any_of(entries.cbegin(), entries.cend(), [&](const LogEntry &entry) {
        return entry.level == LogEntry::Level::Error && entry.message == text;
    }));

    // The cycle ended before the PATCH, or the PATCH was the step that failed, tried once.
    // Qt itself resends a request once when the connection drops before any answer byte
    // (QHttpNetworkConnectionChannel), so a reset may reach the simulator twice.
    const auto writeSteps = std::count_if(report.steps.cbegin(), report.steps.cend(), [](const StepDuration &s) {
        return s.step == SyncStep::Write;
    });
    QCOMPARE(writeSteps, step == SyncStep::Write ? 1 : 0);
    const int patches = m_sim->simulator.requestCount(Endpoint::ContextWrite);
    if (step != SyncStep::Write)
        QCOMPARE(patches, 0);
    else if (fault.kind == Fault::Kind::Reset)
        QVERIFY(patches == 1 || patches == 2);
    else
        QCOMPARE(patches, 1);
    if (!writeLands)
        QCOMPARE(m_sim->simulator.contextPropertiesJson(Namespace), goodData);

    // The next attempt follows the retry policy.
    QCOMPARE(m_engine->failuresInARow(), 1);
    QCOMPARE(m_engine->state(), stateAfter(kind, delay));
    if (delay == Halted) {
        QVERIFY(m_engine->halted());
        QVERIFY2(!m_engine->nextSyncAt().isValid(), qPrintable(m_engine->nextSyncAt().toString(Qt::ISODate)));
    } else {
        QVERIFY(!m_engine->halted());
        QCOMPARE(nextDelayMs(), delay);
    }
}

void TestSyncEngine::transientRetrySchedule_data()
{
    QTest::addColumn<Fault>("fault");

    QTest::newRow("shift status answers 503") << Fault::withStatus(503);
    QTest::newRow("shift status resets the connection") << Fault::ofKind(Fault::Kind::Reset);
}

void TestSyncEngine::transientRetrySchedule()
{
    QFETCH(Fault, fault);

    QVERIFY(seed());
    m_sim->simulator.setFault(Endpoint::ShiftStatus, fault);

    // 5, 10, 15 s, then doubling from 30 s, capped at the 50 s interval.
    const QList<qint64> delays {5000, 10000, 15000, 30000, 50000, 50000};
    for (qsizetype i = 0; i < delays.size(); ++i) {
        QVERIFY(runCycle());
        QVERIFY(!m_engine->lastReport().ok);
        QCOMPARE(m_engine->failuresInARow(), int(i + 1));
        QCOMPARE(m_engine->state(), EngineState::WaitingToRetry);
        QCOMPARE(nextDelayMs(), delays.at(i));
        m_sim->clock.advance(delays.at(i));
    }
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 1); // the seed's only

    // Recovery returns to the regular schedule.
    m_sim->simulator.clearFaults();
    QVERIFY(runCycle());
    QVERIFY(m_engine->lastReport().ok);
    QCOMPARE(m_engine->failuresInARow(), 0);
    QCOMPARE(m_engine->state(), EngineState::Idle);
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);
}

void TestSyncEngine::haltedLoginWaitsForOperator()
{
    m_sim->simulator.setFault(Endpoint::Login, Fault::withStatus(401));
    QVERIFY(runCycle());
    QCOMPARE(m_engine->lastReport().error.kind, ErrorKind::Unauthorized);
    QVERIFY(m_engine->halted());
    QVERIFY(!m_engine->nextSyncAt().isValid());
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 0);

    // Edited credentials lift the halt; "Sync now" tries once more.
    m_sim->simulator.clearFaults();
    m_engine->setCredentials(m_sim->credentials());
    QVERIFY(!m_engine->halted());
    QVERIFY(runCycle());
    QVERIFY2(m_engine->lastReport().ok, qPrintable(m_engine->lastReport().error.toString()));
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 2);
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);
}

void TestSyncEngine::reloginOnceWithinCycle()
{
    QVERIFY(seed());

    // The seed used the bearer once; from now on the simulator rejects it, once.
    Fault expiry = Fault::ofKind(Fault::Kind::UnauthorizedAfterUses);
    expiry.afterUses = 1;
    m_sim->simulator.setFault(Endpoint::ShiftStatus, once(expiry));
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    const CycleReport report = m_engine->lastReport();
    QVERIFY2(report.ok, qPrintable(report.error.toString()));
    QVERIFY(report.loggedIn);
    QCOMPARE(report.requests, quint64(4)); // shift status 401, login, shift status, PATCH
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 1);

    const QList<RecordedRequest> fetches = m_sim->simulator.requests(Endpoint::ShiftStatus);
    QCOMPARE(fetches.size(), 2);
    QCOMPARE(fetches.at(0).status, 401);
    QCOMPARE(fetches.at(1).status, 200);
    QVERIFY(fetches.at(1).header("Authorization").size() > 7);
    QVERIFY(fetches.at(0).header("Authorization") != fetches.at(1).header("Authorization"));
    QVERIFY(report.warnings.join(u'\n').contains(QLatin1String("logging in again")));
}

void TestSyncEngine::secondRejectionAfterReloginFails()
{
    QVERIFY(seed());
    m_sim->simulator.setFault(Endpoint::ShiftStatus, withBody(Fault::withStatus(401), R"({"error":"token expired"})"));
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    verifyLastCycleFailed(SyncStep::FetchShiftStatus, ErrorKind::Unauthorized, u"token rejected after re-login");
    if (QTest::currentTestFailed())
        return;

    // Exactly one re-login and one retry, then back off to the next interval.
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 2);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 0);
    QVERIFY(!m_engine->halted());
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);
}

void TestSyncEngine::tokenExpiryOverFiveCycles()
{
    // Every bearer is accepted twice, then rejected (B18's "accepted on cycle 1, 401 on N").
    Fault expiry = Fault::ofKind(Fault::Kind::UnauthorizedAfterUses);
    expiry.afterUses = 2;
    m_sim->simulator.setFault(Endpoint::ShiftStatus, expiry);

    QList<bool> loggedIn;
    for (int cycle = 1; cycle <= 5; ++cycle) {
        m_sim->clock.advance(SimFixture::IntervalMs);
        QVERIFY(runCycle());
        QVERIFY2(m_engine->lastReport().ok, qPrintable(m_engine->lastReport().error.toString()));
        loggedIn << m_engine->lastReport().loggedIn;
    }

    // Bearer A: cycles 1-2; rejected in 3, B: 3-4; rejected in 5, C: 5.
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 3);
    QCOMPARE(loggedIn, (QList<bool> {true, false, true, false, true}));
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 7);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 5);
    QCOMPARE(bearersSeen().size(), 3);
    for (const RecordedRequest &fetch : m_sim->simulator.requests(Endpoint::ShiftStatus))
        QVERIFY(fetch.header("Authorization").size() > int(qstrlen("Bearer ")));
}

void TestSyncEngine::loginWithoutBearerNeverFetches_data()
{
    QTest::addColumn<Fault>("fault");

    QTest::newRow("login answers 200 without bearer") << Fault::ofKind(Fault::Kind::NoBearer);
    QTest::newRow("login answers 200 with a null bearer") << Fault::ofKind(Fault::Kind::NullBearer);
}

void TestSyncEngine::loginWithoutBearerNeverFetches()
{
    QFETCH(Fault, fault);

    m_sim->simulator.setFault(Endpoint::Login, fault);
    for (int cycle = 1; cycle <= 3; ++cycle) {
        m_sim->clock.advance(SimFixture::IntervalMs);
        QVERIFY(runCycle());
        QCOMPARE(m_engine->lastReport().error.step, SyncStep::Login);
        QCOMPARE(m_engine->lastReport().error.kind, ErrorKind::BadData);
    }

    // One login per cycle, and never a shift-status call with an empty or "undefined" token.
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 3);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 0);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 0);
}

void TestSyncEngine::manualSyncJoinsRunningCycle()
{
    Fault slow = Fault::ofKind(Fault::Kind::Delay);
    slow.delayMs = 700;
    m_sim->simulator.setFault(Endpoint::ShiftStatus, once(slow));

    QSignalSpy started(m_engine.get(), &SyncEngine::cycleStarted);
    QSignalSpy finished(m_engine.get(), &SyncEngine::cycleFinished);
    m_engine->start();
    QTRY_COMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 1);
    QCOMPARE(m_engine->state(), EngineState::Syncing);

    // Three impatient clicks and a timer-driven start while the fetch is slow.
    m_engine->syncNow();
    m_engine->syncNow();
    m_engine->syncNow();
    m_engine->start();
    QCOMPARE(started.size(), 1);

    QVERIFY(finished.wait(CycleTimeoutMs));
    QVERIFY(m_engine->lastReport().ok);
    QCOMPARE(started.size(), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 1);

    // One schedule, one interval away; nothing else starts meanwhile.
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);
    QVERIFY(!started.wait(1000));
    QCOMPARE(finished.size(), 1);
}

void TestSyncEngine::noReplyLeaksOverManyCycles()
{
    // Stalls end at the transfer timeout; keep it short so 50 of them stay cheap.
    m_sim->http.setTransferTimeoutMs(100);

    int succeeded = 0;
    for (int cycle = 0; cycle < 200; ++cycle) {
        switch (cycle % 4) {
        case 1: // 401 before and after the re-login
            m_sim->simulator.setFault(Endpoint::ShiftStatus, [] {
                Fault fault = Fault::withStatus(401);
                fault.times = 2;
                return fault;
            }());
            break;
        case 2:
            m_sim->simulator.setFault(Endpoint::ShiftStatus, once(Fault::withStatus(500)));
            break;
        case 3:
            m_sim->simulator.setFault(Endpoint::ShiftStatus, once(Fault::ofKind(Fault::Kind::Stall)));
            break;
        default:
            m_sim->simulator.clearFaults();
            break;
        }
        QVERIFY(runCycle());
        QCOMPARE(m_engine->lastReport().ok, cycle % 4 == 0);
        succeeded += m_engine->lastReport().ok ? 1 : 0;
    }

    QCOMPARE(succeeded, 50);
    QCOMPARE(m_sim->http.repliesInFlight(), 0);
    QTRY_COMPARE(m_sim->liveReplies(), 0);
}

void TestSyncEngine::emptyShiftStatusIsNotWritten()
{
    QVERIFY(seed());
    const QByteArray goodData = m_sim->simulator.contextPropertiesJson(Namespace);
    m_sim->clock.advance(1000);
    m_sim->simulator.setShiftStatusBody(QJsonArray());
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    verifyLastCycleFailed(SyncStep::Shape, ErrorKind::BadData, u"no skills");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 0);
    QCOMPARE(m_sim->simulator.contextPropertiesJson(Namespace), goodData);
    QCOMPARE(nextDelayMs(), SimFixture::IntervalMs);
}

void TestSyncEngine::vanishedSkills_data()
{
    QTest::addColumn<bool>("prune");

    QTest::newRow("vanished skills are reported") << false;
    QTest::newRow("vanished skills are pruned") << true;
}

void TestSyncEngine::vanishedSkills()
{
    QFETCH(bool, prune);

    QVERIFY(seed());
    ProfileConfig config = m_sim->config();
    config.pruneVanishedSkills = prune;
    m_engine->setConfig(config);

    // Two skills disappear from shift status.
    QJsonArray entries = m_sim->simulator.shiftStatus();
    QStringList gone;
    for (int i = 0; i < 2; ++i) {
        gone.prepend(QString::number(entries.last().toObject().value(QLatin1String("skillId")).toInteger()));
        entries.removeLast();
    }
    m_sim->simulator.setShiftStatusBody(entries);
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    CycleReport report = m_engine->lastReport();
    QVERIFY2(report.ok, qPrintable(report.error.toString()));
    QCOMPARE(report.skills, int(entries.size()));
    QStringList vanished = report.vanished;
    vanished.sort();
    gone.sort();
    QCOMPARE(vanished, gone);

    const QJsonObject stored = m_sim->simulator.contextProperties(Namespace);
    const QList<RecordedRequest> deletes = m_sim->simulator.requests(Endpoint::ContextDelete);
    if (!prune) {
        QCOMPARE(deletes.size(), 0);
        for (const QString &id : gone) {
            QVERIFY(stored.contains(id));
            QVERIFY(report.warnings.join(u'\n').contains(id));
        }
    } else {
        QCOMPARE(deletes.size(), 2);
        for (const RecordedRequest &request : deletes) {
            QCOMPARE(request.status, 204);
            QVERIFY(gone.contains(request.path.section(u'/', -1)));
        }
        for (const QString &id : gone)
            QVERIFY(!stored.contains(id));
    }

    // Kept keys stay stale, so they are reported again; pruned ones are gone for good.
    QVERIFY(runCycle());
    report = m_engine->lastReport();
    QVERIFY(report.ok);
    QCOMPARE(report.vanished.isEmpty(), prune);
}

// A fetch that suddenly lists 2 of 40 skills looks like an upstream fault: deleting 38 keys
// would take them away from bots, so pruning leaves them and says why.
void TestSyncEngine::pruningRefusesMassDeletion()
{
    QVERIFY(seed());
    ProfileConfig config = m_sim->config();
    config.pruneVanishedSkills = true;
    m_engine->setConfig(config);

    QJsonArray entries = m_sim->simulator.shiftStatus();
    const qsizetype before = entries.size();
    while (entries.size() > 2)
        entries.removeLast();
    m_sim->simulator.setShiftStatusBody(entries);
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    const CycleReport report = m_engine->lastReport();
    QVERIFY2(report.ok, qPrintable(report.error.toString()));
    QCOMPARE(report.vanished.size(), before - 2);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextDelete), 0);
    QVERIFY2(report.warnings.join(u'\n').contains(QLatin1String("not deleted")),
        qPrintable(report.warnings.join(u'\n')));
    QCOMPARE(m_sim->simulator.contextProperties(Namespace).size(), before + 1);
}

// Keys are remembered per account, store host and namespace: a namespace this engine never
// wrote has nothing of ours to prune.
void TestSyncEngine::pruningOnlyTouchesWhatItWrote()
{
    QVERIFY(seed());
    ProfileConfig config = m_sim->config();
    config.pruneVanishedSkills = true;
    config.contextNamespace = QStringLiteral("other_namespace");
    m_engine->setConfig(config);

    QJsonArray entries = m_sim->simulator.shiftStatus();
    entries.removeLast();
    m_sim->simulator.setShiftStatusBody(entries);
    m_sim->simulator.clearRequests();
    QVERIFY(runCycle());

    const CycleReport report = m_engine->lastReport();
    QVERIFY2(report.ok, qPrintable(report.error.toString()));
    QVERIFY(report.vanished.isEmpty());
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextDelete), 0);
}

void TestSyncEngine::reservedNamespaceRefusedBeforeAnyRequest()
{
    ProfileConfig config = m_sim->config();
    config.contextNamespace = QStringLiteral("conversation");
    m_engine->setConfig(config);
    QVERIFY(runCycle());

    verifyLastCycleFailed(SyncStep::Configuration, ErrorKind::Configuration, u"reserve");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Any), 0);
}

void TestSyncEngine::secretsNeverReachText()
{
    Logging::enableDebugLogging();
    QSignalSpy finished(m_engine.get(), &SyncEngine::cycleFinished);

    // A good cycle first, so that a bearer exists for the server to echo back.
    QVERIFY(seed());
    const QByteArray bearer = bearersSeen().value(0);
    QVERIFY(!bearer.isEmpty());

    const QList<QPair<Endpoint, Fault>> faults {
        {Endpoint::ShiftStatus, withBody(Fault::withStatus(500), R"({"message":"bearer )" + bearer + R"( broke"})")},
        {Endpoint::ShiftStatus, withBody(Fault::withStatus(401), R"({"error":"token expired"})")},
        {Endpoint::ShiftStatus, Fault::ofKind(Fault::Kind::HtmlPage)},
        {Endpoint::Login,
            withBody(Fault::withStatus(400),
                R"({"message":"bad secret )" + m_sim->account().clientSecret.toUtf8() + "\"}")},
        {Endpoint::Login, Fault::withStatus(401)},
        {Endpoint::ContextWrite,
            withBody(Fault::withStatus(403),
                R"({"error":"key )" + m_sim->account().mavenApiKey.toUtf8() + " denied\"}")},
        {Endpoint::ContextWrite, Fault::ofKind(Fault::Kind::TruncatedJson)},
    };
    for (const auto &[endpoint, fault] : faults) {
        m_sim->simulator.clearFaults();
        m_sim->simulator.setFault(endpoint, fault);
        if (endpoint == Endpoint::Login)
            m_engine->session()->invalidate();
        QVERIFY(runCycle());
    }
    m_sim->simulator.clearFaults();
    QVERIFY(runCycle());
    QVERIFY(m_engine->lastReport().ok);

    bool loggedOut = false;
    m_engine->shutdown([&] { loggedOut = true; });
    QTRY_VERIFY(loggedOut);

    // Everything the product said: log lines, activity log, reports and error strings.
    QStringList texts = capturedLines();
    QVERIFY2(texts.size() > 20, "debug logging produced too little to be a test");
    QVERIFY(std::any_of(texts.cbegin(), texts.cend(), [](const QString &line) {
        return line.startsWith(QLatin1String("GET "));
    }));
    for (const LogEntry &entry : m_engine->activityLog()->entries())
        texts << entry.toLine();
    for (const QList<QVariant> &arguments : std::as_const(finished)) {
        const CycleReport report = arguments.at(0).value<CycleReport>();
        texts << QString::fromUtf8(QJsonDocument(report.toJson()).toJson()) << report.error.toString();
    }

    QStringList secretValues = secrets();
    const RecordedRequest logout = m_sim->simulator.requests(Endpoint::Logout).value(0);
    secretValues << QJsonDocument::fromJson(logout.body).object().value(QLatin1String("csrf")).toString();
    secretValues << QString::fromLatin1(logout.header("Cookie").mid(int(qstrlen("Session_id="))));
    QVERIFY(bearersSeen().size() >= 2); // the 401 and the login faults forced new sessions
    for (const QString &secret : std::as_const(secretValues)) {
        QVERIFY(secret.size() >= 8);
        for (const QString &text : std::as_const(texts))
            QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("secret found in: ") + text));
    }
}

void TestSyncEngine::shutdownLogsOut()
{
    QVERIFY(seed());
    QCOMPARE(m_sim->simulator.activeSessionCount(), 1);

    bool done = false;
    m_engine->shutdown([&] { done = true; });
    QTRY_VERIFY(done);

    const QList<RecordedRequest> logouts = m_sim->simulator.requests(Endpoint::Logout);
    QCOMPARE(logouts.size(), 1);
    QCOMPARE(logouts.first().status, 200);
    QCOMPARE(m_sim->simulator.activeSessionCount(), 0);
    QVERIFY(!m_engine->session()->isValid());
    QVERIFY(!m_engine->nextSyncAt().isValid());
}

void TestSyncEngine::shutdownDropsStalledCycle()
{
    QVERIFY(seed());
    m_sim->simulator.setFault(Endpoint::ShiftStatus, Fault::ofKind(Fault::Kind::Stall));
    m_sim->simulator.clearRequests();

    QSignalSpy finished(m_engine.get(), &SyncEngine::cycleFinished);
    m_engine->syncNow();
    QTRY_COMPARE(m_sim->simulator.requestCount(Endpoint::ShiftStatus), 1);
    QCOMPARE(m_engine->state(), EngineState::Syncing);

    bool done = false;
    m_engine->shutdown([&] { done = true; });
    QTRY_VERIFY(done);

    // The stalled call is gone, the session ended at the server, and the engine is at rest.
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Logout), 1);
    QCOMPARE(m_sim->simulator.requests(Endpoint::Logout).first().status, 200);
    QCOMPARE(m_sim->http.repliesInFlight(), 0);
    QVERIFY(m_engine->state() != EngineState::Syncing);
    QCOMPARE(m_engine->currentStep(), SyncStep::None);

    // The dropped cycle never reports, not even when its timeout would have passed.
    QVERIFY(!finished.wait(1500));
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::ContextWrite), 0);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
