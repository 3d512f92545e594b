// The "Test connection" check against the simulator over real loopback HTTP: each step is
// reported with what it found, a failure names its step and stops the test there, an opened
// session is always logged out, and nothing is ever written to the context store.

#include "simfixture.h"
#include "sync/connectiontester.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(SyncStep)
Q_DECLARE_METATYPE(Fault)

namespace {

constexpr int TestTimeoutMs = 10'000;

struct StepResult
{
    SyncStep step;
    bool ok;
    QString message;
};

QList<StepResult> stepResults(const QSignalSpy &spy)
{
    QList<StepResult> results;
    for (const QList<QVariant> &arguments : spy)
        results.append({arguments.at(0).value<SyncStep>(), arguments.at(1).toBool(), arguments.at(2).toString()});
    return results;
}

} // namespace

class TestConnectionTester : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void everyStepPassesWithTheDemoBot_data();
    void everyStepPassesWithTheDemoBot();
    void aFailureStopsAtItsStep_data();
    void aFailureStopsAtItsStep();
    void aMissingNamespaceStillProvesTheKey();
    void cancelDropsTheTestAndLogsOut();

private:
    // Nothing but reads: the tester must never change what bots see.
    void verifyNothingWritten() const;

    std::unique_ptr<SimFixture> m_sim;
};

void TestConnectionTester::init()
{
    qRegisterMetaType<SyncStep>();
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->start());
    m_sim->http.setTransferTimeoutMs(5000);
}

void TestConnectionTester::cleanup()
{
    m_sim.reset();
}

void TestConnectionTester::verifyNothingWritten() const
{
    for (const RecordedRequest &request : m_sim->simulator.requests()) {
        QVERIFY2(request.method == "GET" || request.method == "POST",
            qPrintable(QStringLiteral("%1 %2").arg(QString::fromLatin1(request.method), request.path)));
        QVERIFY2(request.endpoint != Endpoint::ContextWrite && request.endpoint != Endpoint::ContextDelete,
            qPrintable(request.path));
    }
}

void TestConnectionTester::everyStepPassesWithTheDemoBot_data()
{
    QTest::addColumn<LoginForm>("form");
    QTest::newRow("OAuth 2.0 client credentials") << LoginForm::OAuth2ClientCredentials;
    QTest::newRow("legacy OAuth 1.0 API key") << LoginForm::LegacyApiKey;
}

void TestConnectionTester::everyStepPassesWithTheDemoBot()
{
    QFETCH(LoginForm, form);

    // Something already in the store, to see that the read counts it and leaves it alone.
    const QByteArray before = m_sim->simulator.contextPropertiesJson(m_sim->config().contextNamespace);

    ConnectionTester tester(&m_sim->http, m_sim->clock);
    QSignalSpy steps(&tester, &ConnectionTester::stepFinished);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(m_sim->config(), m_sim->credentials(form));
    QVERIFY(tester.isRunning());
    QVERIFY(finished.wait(TestTimeoutMs));

    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!tester.isRunning());
    const QList<StepResult> results = stepResults(steps);
    QCOMPARE(results.size(), ConnectionTester::steps().size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        QCOMPARE(results.at(i).step, ConnectionTester::steps().at(i));
        QVERIFY2(results.at(i).ok, qPrintable(results.at(i).message));
    }

    QVERIFY2(results.at(1).message.contains(m_sim->account().username), qPrintable(results.at(1).message));
    const int skillCount = static_cast<int>(m_sim->simulator.shiftStatus().size());
    QVERIFY2(results.at(2).message.startsWith(QStringLiteral("%1 skills, ").arg(skillCount)),
        qPrintable(results.at(2).message));
    QVERIFY2(results.at(3).message.contains(QLatin1String("API key was accepted")), qPrintable(results.at(3).message));

    // A fresh session of its own, ended afterwards.
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Logout), 1);
    QCOMPARE(m_sim->simulator.activeSessionCount(), 0);
    verifyNothingWritten();
    QCOMPARE(m_sim->simulator.contextPropertiesJson(m_sim->config().contextNamespace), before);
}

void TestConnectionTester::aFailureStopsAtItsStep_data()
{
    QTest::addColumn<QString>("change"); // what to break
    QTest::addColumn<SyncStep>("failedStep");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("logins");
    QTest::addColumn<int>("logouts");

    QTest::newRow("wrong client secret") << QStringLiteral("secret") << SyncStep::Login << QStringLiteral("401") << 1
                                         << 0;
    QTest::newRow("wrong maven API key") << QStringLiteral("maven") << SyncStep::ReadBack << QStringLiteral("403") << 1
                                         << 1;
    QTest::newRow("shift status answers 500")
        << QStringLiteral("shift-status 500") << SyncStep::FetchShiftStatus << QStringLiteral("500") << 1 << 1;
    QTest::newRow("CSDS answers 503") << QStringLiteral("csds 503") << SyncStep::Domains << QStringLiteral("503") << 0
                                      << 0;
    QTest::newRow("shift status lists no skills")
        << QStringLiteral("no skills") << SyncStep::FetchShiftStatus << QStringLiteral("no skills") << 1 << 1;
    QTest::newRow("client secret missing")
        << QStringLiteral("no secret") << SyncStep::Credentials << QStringLiteral("secret") << 0 << 0;
    QTest::newRow("account id empty") << QStringLiteral("no account") << SyncStep::Configuration
                                      << QStringLiteral("account id") << 0 << 0;
    QTest::newRow("plain http to a remote host")
        << QStringLiteral("remote http") << SyncStep::Configuration << QStringLiteral("https") << 0 << 0;
}

void TestConnectionTester::aFailureStopsAtItsStep()
{
    QFETCH(QString, change);
    QFETCH(SyncStep, failedStep);
    QFETCH(QString, messagePart);
    QFETCH(int, logins);
    QFETCH(int, logouts);

    ProfileConfig config = m_sim->config();
    Credentials credentials = m_sim->credentials();
    if (change == QLatin1String("secret"))
        credentials.secret = QStringLiteral("not-the-client-secret");
    else if (change == QLatin1String("maven"))
        credentials.mavenApiKey = QStringLiteral("not-the-maven-key");
    else if (change == QLatin1String("shift-status 500"))
        m_sim->simulator.setFault(Endpoint::ShiftStatus, Fault::withStatus(500));
    else if (change == QLatin1String("csds 503"))
        m_sim->simulator.setFault(Endpoint::Csds, Fault::withStatus(503));
    else if (change == QLatin1String("no skills"))
        m_sim->simulator.setShiftStatusBody(QJsonArray());
    else if (change == QLatin1String("no secret"))
        credentials.secret.clear();
    else if (change == QLatin1String("no account"))
        config.accountId.clear();
    else if (change == QLatin1String("remote http"))
        config.loginUrl = QUrl(QStringLiteral("http://login.example.com"));

    ConnectionTester tester(&m_sim->http, m_sim->clock);
    QSignalSpy steps(&tester, &ConnectionTester::stepFinished);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(config, credentials);
    QVERIFY(finished.wait(TestTimeoutMs));

    QCOMPARE(finished.first().first().toBool(), false);
    const QList<StepResult> results = stepResults(steps);
    QVERIFY(!results.isEmpty());
    const StepResult &last = results.last();
    QCOMPARE(last.step, failedStep);
    QCOMPARE(last.ok, false);
    QVERIFY2(last.message.contains(messagePart, Qt::CaseInsensitive), qPrintable(last.message));
    for (qsizetype i = 0; i + 1 < results.size(); ++i)
        QVERIFY2(results.at(i).ok, qPrintable(results.at(i).message));

    // The typed secret never shows up in what the operator sees.
    QVERIFY(!last.message.contains(QLatin1String("not-the-client-secret")));
    QVERIFY(!last.message.contains(QLatin1String("not-the-maven-key")));

    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Login), logins);
    QCOMPARE(m_sim->simulator.requestCount(Endpoint::Logout), logouts);
    QCOMPARE(m_sim->simulator.activeSessionCount(), 0);
    verifyNothingWritten();
}

void TestConnectionTester::aMissingNamespaceStillProvesTheKey()
{
    // A 404 on the namespace comes after the key check: the key is good, the store is empty.
    m_sim->simulator.setFault(Endpoint::ContextRead, Fault::withStatus(404));

    ConnectionTester tester(&m_sim->http, m_sim->clock);
    QSignalSpy steps(&tester, &ConnectionTester::stepFinished);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(m_sim->config(), m_sim->credentials());
    QVERIFY(finished.wait(TestTimeoutMs));

    QCOMPARE(finished.first().first().toBool(), true);
    const StepResult last = stepResults(steps).last();
    QCOMPARE(last.step, SyncStep::ReadBack);
    QVERIFY2(last.message.contains(QLatin1String("holds nothing yet")), qPrintable(last.message));
    verifyNothingWritten();
}

void TestConnectionTester::cancelDropsTheTestAndLogsOut()
{
    // Stall shift status so the test is certainly past login when it is cancelled.
    m_sim->simulator.setFault(Endpoint::ShiftStatus, Fault::ofKind(Fault::Kind::Stall));

    auto tester = std::make_unique<ConnectionTester>(&m_sim->http, m_sim->clock);
    QSignalSpy started(tester.get(), &ConnectionTester::stepStarted);
    QSignalSpy finished(tester.get(), &ConnectionTester::finished);
    tester->start(m_sim->config(), m_sim->credentials());
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty()
            && started.last().first().value<SyncStep>() == SyncStep::FetchShiftStatus,
        TestTimeoutMs);

    tester->cancel();
    QVERIFY(!tester->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->simulator.requestCount(Endpoint::Logout), 1, TestTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->simulator.activeSessionCount(), 0, TestTimeoutMs);
    QVERIFY(finished.isEmpty());

    // Destroying a tester mid-test is just as safe.
    tester->start(m_sim->config(), m_sim->credentials());
    QTRY_VERIFY_WITH_TIMEOUT(started.size() >= 6, TestTimeoutMs);
    tester.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->simulator.requestCount(Endpoint::Logout), 2, TestTimeoutMs);
    QVERIFY(finished.isEmpty());
    verifyNothingWritten();
}

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
