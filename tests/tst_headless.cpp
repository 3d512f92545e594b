// The shiftsync command line end to end: the real executable, run as a separate process,
// against an in-process simulator over loopback HTTP, with the real keychain where the
// credentials come from it (the suite runs inside tests/with-keyring.sh).

#include "livepersonsimulator.h"
#include "sync/shiftshaper.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestHeadless : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void syncOnceWritesTheShapedData();
    void headlessCyclesReuseTheSession();
    void exitCodes_data();
    void exitCodes();
    void syncOnceRetriesAPassingServerError();
    void sigtermEndsTheLoopCleanly();
    void credentialsFileIsRefusedWhenOthersCanRead();
    void importedCredentialsComeFromTheKeychain();
    void noSecretReachesOutputOrFiles();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run run(const QStringList &arguments, int timeoutMs = 30'000);
    QStringList simulatorOptions() const;
    QString writeCredentials(const QByteArray &json, QFile::Permissions permissions);
    QByteArray demoCredentials() const;

    std::unique_ptr<LivePersonSimulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestHeadless::init()
{
    m_sim = std::make_unique<LivePersonSimulator>();
    QVERIFY(m_sim->start() != 0);
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

void TestHeadless::cleanup()
{
    m_sim.reset();
    m_home.reset();
}

TestHeadless::Run TestHeadless::run(const QStringList &arguments, int timeoutMs)
{
    // A private config and data dir per test, so that settings and logs start empty.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SHIFTSYNC_BINARY), arguments);
    if (!process.waitForStarted(5000))
        return {};

    // Wait with a running event loop: the simulator answering the process lives in this thread.
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return {-1, process.readAllStandardOutput(), process.readAllStandardError()};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QStringList TestHeadless::simulatorOptions() const
{
    const QString base = m_sim->baseUrl().toString();
    return {QStringLiteral("--account"),
        m_sim->account().accountId,
        QStringLiteral("--csds-url"),
        base,
        QStringLiteral("--context-url"),
        base,
        QStringLiteral("--timeout"),
        QStringLiteral("3")};
}

QByteArray TestHeadless::demoCredentials() const
{
    const SimulatorAccount &account = m_sim->account();
    return QJsonDocument(QJsonObject {{QStringLiteral("username"), account.username},
                             {QStringLiteral("appKey"), account.clientId},
                             {QStringLiteral("secret"), account.clientSecret},
                             {QStringLiteral("mavenApiKey"), account.mavenApiKey}})
        .toJson();
}

QString TestHeadless::writeCredentials(const QByteArray &json, QFile::Permissions permissions)
{
    const QString path = m_home->filePath(QStringLiteral("credentials.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.write(json);
    file.close();
    file.setPermissions(permissions);
    return path;
}

void TestHeadless::syncOnceWritesTheShapedData()
{
    const QString credentials = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);
    const QJsonArray served = m_sim->shiftStatus();

    const Run result = run(simulatorOptions() << QStringLiteral("--sync-once") << QStringLiteral("--json")
                                              << QStringLiteral("--credentials-file") << credentials);
    QVERIFY2(result.exitCode == 0, result.err.constData());

    const QJsonObject report = QJsonDocument::fromJson(result.out.trimmed()).object();
    QCOMPARE(report.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("skills")).toInt(), served.size());
    QCOMPARE(report.value(QStringLiteral("loggedIn")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("requests")).toInt(), 4); // CSDS, login, fetch, PATCH

    // What bots read now is exactly the shaped shift status, timestamp aside.
    QJsonObject stored = m_sim->contextProperties(QStringLiteral("shift-status-api"));
    QJsonObject expected = ShiftShaper::shape(served, QDateTime::currentDateTimeUtc(), {}).document;
    QVERIFY(stored.value(QStringLiteral("timestamp")).toString().endsWith(QLatin1Char('Z')));
    stored.remove(QStringLiteral("timestamp"));
    expected.remove(QStringLiteral("timestamp"));
    QCOMPARE(stored, expected);
}

void TestHeadless::headlessCyclesReuseTheSession()
{
    const QString credentials = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);

    const Run result
        = run(simulatorOptions() << QStringLiteral("--headless") << QStringLiteral("--cycles") << QStringLiteral("5")
                                 << QStringLiteral("--interval") << QStringLiteral("1") << QStringLiteral("--json")
                                 << QStringLiteral("--credentials-file") << credentials);
    QVERIFY2(result.exitCode == 0, result.err.constData());

    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    for (qsizetype cycle = 0; cycle < lines.size(); ++cycle) {
        const QJsonObject report = QJsonDocument::fromJson(lines.at(cycle)).object();
        QVERIFY2(report.value(QStringLiteral("ok")).toBool(), lines.at(cycle).constData());
        if (cycle > 0) {
            QCOMPARE(report.value(QStringLiteral("requests")).toInt(), 2);
            QCOMPARE(report.value(QStringLiteral("loggedIn")).toBool(), false);
        }
    }
    QCOMPARE(m_sim->requestCount(Endpoint::Login), 1);
    QCOMPARE(m_sim->requestCount(Endpoint::ShiftStatus), 5);
    QCOMPARE(m_sim->requestCount(Endpoint::ContextWrite), 5);
    QCOMPARE(m_sim->requestCount(Endpoint::Logout), 1);
}

void TestHeadless::exitCodes_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("credentials"); // "demo", "bad-secret", "none"
    QTest::addColumn<int>("exitCode");

    QTest::newRow("unknown option is a usage error")
        << QStringList {QStringLiteral("--sync-once"), QStringLiteral("--bogus")} << QStringLiteral("demo") << 2;
    QTest::newRow("reserved namespace is a usage error")
        << QStringList {QStringLiteral("--sync-once"), QStringLiteral("--namespace"), QStringLiteral("conversation")}
        << QStringLiteral("demo") << 2;
    QTest::newRow("missing credentials file")
        << QStringList {QStringLiteral("--sync-once")} << QStringLiteral("none") << 3;
    QTest::newRow("rejected client secret")
        << QStringList {QStringLiteral("--sync-once")} << QStringLiteral("bad-secret") << 4;
    QTest::newRow("dead shift status server, no retries") << QStringList {QStringLiteral("--sync-once"),
        QStringLiteral("--retries"),
        QStringLiteral("0"),
        QStringLiteral("--shift-status-url"),
        QStringLiteral("http://127.0.0.1:1")} << QStringLiteral("demo")
                                                          << 5;
    QTest::newRow("version") << QStringList {QStringLiteral("--version")} << QStringLiteral("demo") << 0;
}

void TestHeadless::exitCodes()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, credentials);
    QFETCH(int, exitCode);

    QByteArray json = demoCredentials();
    if (credentials == QLatin1String("bad-secret"))
        json.replace(m_sim->account().clientSecret.toUtf8(), "wrong-secret");
    QString path = writeCredentials(json, QFile::ReadOwner | QFile::WriteOwner);
    if (credentials == QLatin1String("none"))
        path = m_home->filePath(QStringLiteral("missing.json"));

    const Run result = run(simulatorOptions() << extra << QStringLiteral("--credentials-file") << path);
    QVERIFY2(result.exitCode == exitCode, result.err.constData());
    if (exitCode != 0)
        QVERIFY2(!result.err.isEmpty(), "a failure must say why on stderr");
    QCOMPARE(m_sim->requestCount(Endpoint::ContextWrite), 0);
}

// A cron run should not fail on one 500: the policy's first short retry (5 s) happens inside it.
void TestHeadless::syncOnceRetriesAPassingServerError()
{
    Fault once = Fault::withStatus(500);
    once.times = 1;
    m_sim->setFault(Endpoint::ShiftStatus, once);
    const QString path = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);

    const Run result
        = run(simulatorOptions() << QStringLiteral("--sync-once") << QStringLiteral("--credentials-file") << path);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("Retrying in 5 s"), result.err.constData());
    QCOMPARE(m_sim->requestCount(Endpoint::ShiftStatus), 2);
    QCOMPARE(m_sim->requestCount(Endpoint::ContextWrite), 1);
}

// systemd's stop: the loop logs out and exits 0, even while it waits to retry a failure.
void TestHeadless::sigtermEndsTheLoopCleanly()
{
    const QString path = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SHIFTSYNC_BINARY),
        simulatorOptions() << QStringLiteral("--headless") << QStringLiteral("--interval") << QStringLiteral("1")
                           << QStringLiteral("--json") << QStringLiteral("--credentials-file") << path);
    QVERIFY(process.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(m_sim->requestCount(Endpoint::ContextWrite), 1, 10'000);

    m_sim->setFault(Endpoint::ShiftStatus, Fault::withStatus(500));
    QTRY_VERIFY2_WITH_TIMEOUT(m_sim->requestCount(Endpoint::ShiftStatus) >= 2,
        process.readAllStandardError().constData(),
        10'000); // now waiting 5 s to retry
    process.terminate();

    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(m_sim->requestCount(Endpoint::Logout), 1);
}

void TestHeadless::credentialsFileIsRefusedWhenOthersCanRead()
{
    const QString path = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);

    const Run result
        = run(simulatorOptions() << QStringLiteral("--sync-once") << QStringLiteral("--credentials-file") << path);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("chmod 600"), result.err.constData());
    QCOMPARE(m_sim->requestCount(Endpoint::Any), 0);
}

void TestHeadless::importedCredentialsComeFromTheKeychain()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (qEnvironmentVariableIsSet("CI"))
            QFAIL("no session bus: run the suite through tests/with-keyring.sh");
        QSKIP("no session bus; run through tests/with-keyring.sh");
    }
    const QString path = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);

    const QStringList profile {QStringLiteral("--profile"), QStringLiteral("e2e-%1").arg(m_sim->port())};
    const Run imported = run(simulatorOptions() << profile << QStringLiteral("--import-credentials") << path);
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    QVERIFY(QFile::remove(path));

    const Run synced = run(simulatorOptions()
        << profile << QStringLiteral("--sync-once") << QStringLiteral("--show-cache") << QStringLiteral("--json"));
    QVERIFY2(synced.exitCode == 0, synced.err.constData());

    const QList<QByteArray> lines = synced.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject cache = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(cache, m_sim->contextProperties(QStringLiteral("shift-status-api")));
}

void TestHeadless::noSecretReachesOutputOrFiles()
{
    QByteArray json = demoCredentials();
    json.replace(m_sim->account().clientSecret.toUtf8(), "wrong-secret-0042");
    const QString path = writeCredentials(json, QFile::ReadOwner | QFile::WriteOwner);

    const Run failed = run(simulatorOptions()
        << QStringLiteral("--sync-once") << QStringLiteral("--debug") << QStringLiteral("--credentials-file") << path);
    const QString good = writeCredentials(demoCredentials(), QFile::ReadOwner | QFile::WriteOwner);
    const Run synced = run(simulatorOptions()
        << QStringLiteral("--sync-once") << QStringLiteral("--debug") << QStringLiteral("--credentials-file") << good);
    QCOMPARE(synced.exitCode, 0);

    QByteArray everything = failed.out + failed.err + synced.out + synced.err;
    QDirIterator files(m_home->path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.fileName().endsWith(QLatin1String("credentials.json")) || !file.open(QIODevice::ReadOnly))
            continue;
        everything += file.readAll();
    }

    const SimulatorAccount &account = m_sim->account();
    for (const QString &secret : {QStringLiteral("wrong-secret-0042"), account.clientSecret, account.mavenApiKey})
        QVERIFY2(!everything.contains(secret.toUtf8()), qPrintable(secret));
    for (const RecordedRequest &request : m_sim->requests(Endpoint::ShiftStatus)) {
        const QByteArray bearer = request.header("authorization").mid(7);
        QVERIFY(!bearer.isEmpty());
        QVERIFY2(!everything.contains(bearer), "the bearer leaked");
    }
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
