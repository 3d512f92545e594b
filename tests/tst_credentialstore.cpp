// CredentialStore against the real gnome-keyring of tests/with-keyring.sh: round trips, the pinned
// keychain names, missing and partial entries, validation, a locked keyring, a session without a
// Secret Service, a bus that never answers, and late answers after a timeout (B01-B05).
//
// Cases that need a process of their own (libsecret keeps one bus connection per process) run
// this same executable again as a "probe" child: see runProbe().

#include "credentials/credentialstore.h"
#include "credentials/keychainerror.h"
#include "secretservicefixture.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace std::chrono_literals;
using Status = CredentialStore::Status;
using Field = CredentialStore::Field;
using namespace SecretServiceFixture;

namespace {

constexpr int WaitMs = 5000;
constexpr auto ProbeVariable = "SHIFTSYNC_KEYCHAIN_PROBE";
constexpr auto ProbeTimeoutVariable = "SHIFTSYNC_PROBE_TIMEOUT_MS";

Credentials oauth2Credentials(const QString &tag)
{
    Credentials c;
    c.form = LoginForm::OAuth2ClientCredentials;
    c.username = QStringLiteral("bot-") + tag;
    c.appKey = QStringLiteral("client-id-") + tag;
    c.secret = QStringLiteral("client-secret-") + tag;
    c.mavenApiKey = QStringLiteral("maven-key-") + tag;
    return c;
}

Credentials legacyCredentials(const QString &tag)
{
    Credentials c = oauth2Credentials(tag);
    c.form = LoginForm::LegacyApiKey;
    c.accessToken = QStringLiteral("access-token-") + tag;
    c.accessTokenSecret = QStringLiteral("token-secret-") + tag;
    return c;
}

QStringList valuesOf(const Credentials &c)
{
    return {c.username, c.appKey, c.secret, c.accessToken, c.accessTokenSecret, c.mavenApiKey};
}

// ---- secret-tool, the independent reader ----

// Every item of our service with its attributes and value, sorted, to compare before and after.
QStringList keychainSnapshot()
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
        {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), KeychainService});
    if (!tool.waitForFinished(WaitMs))
        return {QStringLiteral("<secret-tool hung>")};
    const QString output = QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    QStringList items = output.split(QRegularExpression(QStringLiteral("^\\[/"), QRegularExpression::MultilineOption),
        Qt::SkipEmptyParts);
    items.sort();
    return items;
}

// Writes one entry behind CredentialStore's back, the way another program (or an older release)
// would have.
bool writeEntryDirectly(const QString &key, const QString &value)
{
    auto *job = new QKeychain::WritePasswordJob(QString(CredentialStore::ServiceName));
    job->setKey(key);
    job->setTextData(value);
    QSignalSpy spy(job, &QKeychain::Job::finished);
    job->start();
    return spy.wait(WaitMs) && job->error() == QKeychain::NoError;
}

// ---- waiting for a store ----

struct Outcome
{
    bool arrived = false;
    CredentialStore::Result result;
    Credentials credentials;
};

Outcome readAndWait(CredentialStore &store, const QString &profile, LoginForm form)
{
    QSignalSpy spy(&store, &CredentialStore::readFinished);
    store.read(profile, form);
    Outcome outcome;
    if (!spy.wait(WaitMs))
        return outcome;
    outcome.arrived = spy.size() == 1 && spy.at(0).at(0).toString() == profile;
    outcome.result = spy.at(0).at(1).value<CredentialStore::Result>();
    outcome.credentials = spy.at(0).at(2).value<Credentials>();
    return outcome;
}

Outcome writeAndWait(CredentialStore &store, const QString &profile, const Credentials &credentials)
{
    QSignalSpy spy(&store, &CredentialStore::writeFinished);
    store.write(profile, credentials);
    Outcome outcome;
    if (!spy.wait(WaitMs))
        return outcome;
    outcome.arrived = spy.size() == 1 && spy.at(0).at(0).toString() == profile;
    outcome.result = spy.at(0).at(1).value<CredentialStore::Result>();
    return outcome;
}

Outcome removeAndWait(CredentialStore &store, const QString &profile)
{
    QSignalSpy spy(&store, &CredentialStore::removeFinished);
    store.remove(profile);
    Outcome outcome;
    if (!spy.wait(WaitMs))
        return outcome;
    outcome.arrived = spy.size() == 1 && spy.at(0).at(0).toString() == profile;
    outcome.result = spy.at(0).at(1).value<CredentialStore::Result>();
    return outcome;
}

// Sees each QtKeychain job just before it starts (Job::start() posts a queued call to doStart)
// and runs a callback there. Lets a test change the keyring between two jobs of one save,
// deterministically, with no fake in the product.
class KeychainJobWatcher : public QObject
{
public:
    explicit KeychainJobWatcher(std::function<void(QKeychain::Job *)> beforeStart)
        : m_beforeStart(std::move(beforeStart))
    {
        QCoreApplication::instance()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::MetaCall) {
            if (auto *job = qobject_cast<QKeychain::Job *>(watched))
                m_beforeStart(job);
        }
        return false;
    }

private:
    std::function<void(QKeychain::Job *)> m_beforeStart;
};

// ---- probe children ----

struct ProbeRun
{
    QString output;
    int exitCode = -1;
    bool crashed = true;
};

QProcessEnvironment
probeEnvironment(const QString &operation, int timeoutMs, const QString &busAddress, const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(ProbeVariable), operation);
    env.insert(QString::fromLatin1(ProbeTimeoutVariable), QString::number(timeoutMs));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    if (busAddress.isNull())
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    else
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    // Fresh home and XDG directories, to prove afterwards that nothing landed in a file.
    for (const auto &[name, sub] : {std::pair {"HOME", "home"},
             std::pair {"XDG_CONFIG_HOME", "config"},
             std::pair {"XDG_DATA_HOME", "data"},
             std::pair {"XDG_CACHE_HOME", "cache"}}) {
        const QString dir = home + QLatin1Char('/') + QString::fromLatin1(sub);
        QDir().mkpath(dir);
        env.insert(QString::fromLatin1(name), dir);
    }
    return env;
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

QString probeLine(const QString &output, const QString &prefix)
{
    for (const QString &line : output.split(QLatin1Char('\n'))) {
        if (line.startsWith(prefix))
            return line;
    }
    return {};
}

// Child side: one operation on profile "probe", then wait until no abandoned job is left.
//   finished <Status> <elapsed ms>
//   message <text>
//   state pendingWrite=<0|1> abandoned=<n>
//   drained results=<n>           (n > 1 would mean a late answer was delivered)
int runProbe()
{
    const QString operation = qEnvironmentVariable(ProbeVariable);
    CredentialStore store;
    store.setTimeout(std::chrono::milliseconds(qEnvironmentVariableIntValue(ProbeTimeoutVariable)));
    QTextStream out(stdout);
    QElapsedTimer clock;
    int results = 0;

    QTimer drain;
    drain.setInterval(10);
    QObject::connect(&drain, &QTimer::timeout, &store, [&] {
        if (store.abandonedJobCount() == 0 && !store.isBusy()) {
            out << "drained results=" << results << Qt::endl;
            QCoreApplication::exit(0);
        }
    });

    const auto report = [&](const CredentialStore::Result &result) {
        ++results;
        out << "finished " << CredentialStore::statusName(result.status) << ' ' << clock.elapsed() << Qt::endl;
        out << "message " << result.message << Qt::endl;
        out << "state pendingWrite=" << int(store.hasPendingWrite()) << " abandoned=" << store.abandonedJobCount()
            << Qt::endl;
        drain.start();
    };
    using Result = CredentialStore::Result;
    QObject::connect(&store,
        &CredentialStore::readFinished,
        &store,
        [&](const QString &, const Result &result, const Credentials &) { report(result); });
    QObject::connect(&store, &CredentialStore::writeFinished, &store, [&](const QString &, const Result &result) {
        report(result);
    });
    QObject::connect(&store, &CredentialStore::removeFinished, &store, [&](const QString &, const Result &result) {
        report(result);
    });
    QTimer::singleShot(20s, &store, [&] {
        out << "stuck results=" << results << " abandoned=" << store.abandonedJobCount() << Qt::endl;
        QCoreApplication::exit(3);
    });

    clock.start();
    if (operation == QLatin1String("write"))
        store.write(QStringLiteral("probe"), oauth2Credentials(QStringLiteral("probe")));
    else if (operation == QLatin1String("remove"))
        store.remove(QStringLiteral("probe"));
    else
        store.read(QStringLiteral("probe"), LoginForm::OAuth2ClientCredentials);
    return QCoreApplication::exec();
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    // names and rules, no keychain needed
    void keychainNamesArePinned_data();
    void keychainNamesArePinned();
    void fieldsPerForm();
    void checkForSaving_data();
    void checkForSaving();
    void errorMapping_data();
    void errorMapping();
    void defaultTimeout();

    // the real keyring
    void roundTrip_data();
    void roundTrip();
    void entriesReadableBySecretTool();
    void oauth2SaveDeletesLegacyTokens();
    void notFound();
    void incompleteSetReadsAsIncompleteAndWritesNothing_data();
    void incompleteSetReadsAsIncompleteAndWritesNothing();
    void refusedSaveKeepsPrevious_data();
    void refusedSaveKeepsPrevious();
    void lockedKeyring();
    void failedWriteRestoresPrevious_data();
    void failedWriteRestoresPrevious();
    void operationsOnOneProfileRunInOrder();
    void removeDeletesEveryEntry();
    void timeoutLeavesJobAndIgnoresLateAnswer_data();
    void timeoutLeavesJobAndIgnoresLateAnswer();
    void storeDestroyedWithSaveInFlight();

    // other sessions, in child processes
    void noSecretService_data();
    void noSecretService();
    void busThatNeverAnswers_data();
    void busThatNeverAnswers();

private:
    QString m_collection;
    QString m_keyringProblem;
};

void TestCredentialStore::initTestCase()
{
    qRegisterMetaType<CredentialStore::Result>();
    qRegisterMetaType<Credentials>();
    qDBusRegisterMetaType<SecretValue>();

    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        m_keyringProblem = QStringLiteral("no DBUS_SESSION_BUS_ADDRESS: run under tests/with-keyring.sh");
    } else if (QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty()) {
        m_keyringProblem = QStringLiteral("secret-tool missing: install libsecret-tools");
    } else if (m_collection = defaultCollection(); m_collection.isEmpty()) {
        m_keyringProblem = QStringLiteral("no Secret Service with a default collection on the session bus");
    } else if (isLocked(m_collection)) {
        m_keyringProblem = QStringLiteral("the test keyring is locked");
    }
}

// Tests that talk to the session's keyring fail without one in CI (CI=true) and skip locally;
// the others (names, rules, and the child-process sessions) always run.
void TestCredentialStore::init()
{
    static const QList<QByteArray> standalone {"keychainNamesArePinned",
        "fieldsPerForm",
        "checkForSaving",
        "errorMapping",
        "defaultTimeout",
        "noSecretService",
        "busThatNeverAnswers"};
    if (m_keyringProblem.isEmpty() || standalone.contains(QByteArray(QTest::currentTestFunction())))
        return;
    if (qEnvironmentVariable("CI") == QLatin1String("true"))
        QFAIL(qPrintable(m_keyringProblem));
    QSKIP(qPrintable(m_keyringProblem));
}

// ---- names and rules ----

void TestCredentialStore::keychainNamesArePinned_data()
{
    QTest::addColumn<Field>("field");
    QTest::addColumn<QString>("key");

    QTest::newRow("username") << Field::Username << QStringLiteral("default/username");
    QTest::newRow("appKey") << Field::AppKey << QStringLiteral("default/appKey");
    QTest::newRow("secret") << Field::Secret << QStringLiteral("default/secret");
    QTest::newRow("accessToken") << Field::AccessToken << QStringLiteral("default/accessToken");
    QTest::newRow("accessTokenSecret") << Field::AccessTokenSecret << QStringLiteral("default/accessTokenSecret");
    QTest::newRow("mavenApiKey") << Field::MavenApiKey << QStringLiteral("default/mavenApiKey");
}

// Changing these strands every user's saved credentials (B03): a failure here needs a migration.
void TestCredentialStore::keychainNamesArePinned()
{
    QFETCH(Field, field);
    QFETCH(QString, key);

    QCOMPARE(QString(CredentialStore::ServiceName), QStringLiteral("org.shiftsync.ShiftSync"));
    QCOMPARE(CredentialStore::keyFor(QStringLiteral("default"), field), key);
}

void TestCredentialStore::fieldsPerForm()
{
    QCOMPARE(CredentialStore::fieldsFor(LoginForm::OAuth2ClientCredentials),
        (QList<Field> {Field::Username, Field::AppKey, Field::Secret, Field::MavenApiKey}));
    QCOMPARE(CredentialStore::fieldsFor(LoginForm::LegacyApiKey),
        (QList<Field> {Field::Username,
            Field::AppKey,
            Field::Secret,
            Field::AccessToken,
            Field::AccessTokenSecret,
            Field::MavenApiKey}));
}

void TestCredentialStore::checkForSaving_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<Credentials>("credentials");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("messagePart");

    const Credentials good = oauth2Credentials(QStringLiteral("check"));
    const auto with = [](Credentials c, Field field, const QString &value) {
        CredentialStore::setValue(&c, field, value);
        return c;
    };
    const QString limit = QString(CredentialStore::MaxValueLength, QLatin1Char('x'));

    QTest::newRow("complete oauth2") << QStringLiteral("p") << good << Status::Ok << QString();
    QTest::newRow("complete legacy") << QStringLiteral("p") << legacyCredentials(QStringLiteral("check")) << Status::Ok
                                     << QString();
    QTest::newRow("secret of 1024 characters (largest allowed)")
        << QStringLiteral("p") << with(good, Field::Secret, limit) << Status::Ok << QString();
    QTest::newRow("every field 1024 characters, legacy") << QStringLiteral("p") << [&] {
        Credentials c = legacyCredentials(QStringLiteral("x"));
        for (Field f : CredentialStore::fieldsFor(LoginForm::LegacyApiKey))
            CredentialStore::setValue(&c, f, limit);
        return c;
    }() << Status::Ok << QString();
    QTest::newRow("secret of 1025 characters")
        << QStringLiteral("p") << with(good, Field::Secret, limit + QLatin1Char('x')) << Status::TooLarge
        << QStringLiteral("2,560 bytes");
    QTest::newRow("mavenApiKey of 5000 characters")
        << QStringLiteral("p") << with(good, Field::MavenApiKey, QString(5000, QLatin1Char('m'))) << Status::TooLarge
        << QStringLiteral("p/mavenApiKey");
    QTest::newRow("853 euro signs: 2,559 UTF-8 bytes")
        << QStringLiteral("p") << with(good, Field::Username, QString(853, QChar(0x20AC))) << Status::Ok << QString();
    QTest::newRow("854 euro signs: 2,562 UTF-8 bytes")
        << QStringLiteral("p") << with(good, Field::Username, QString(854, QChar(0x20AC))) << Status::TooLarge
        << QStringLiteral("Windows Credential Manager");
    QTest::newRow("oversize token ignored in the oauth2 form")
        << QStringLiteral("p") << with(good, Field::AccessToken, QString(3000, QLatin1Char('t'))) << Status::Ok
        << QString();
    QTest::newRow("missing secret") << QStringLiteral("p") << with(good, Field::Secret, QString())
                                    << Status::InvalidInput << QStringLiteral("secret missing");
    QTest::newRow("blank username") << QStringLiteral("p") << with(good, Field::Username, QStringLiteral("  "))
                                    << Status::InvalidInput << QStringLiteral("username missing");
    QTest::newRow("legacy without accessTokenSecret")
        << QStringLiteral("p") << with(legacyCredentials(QStringLiteral("check")), Field::AccessTokenSecret, QString())
        << Status::InvalidInput << QStringLiteral("accessTokenSecret missing");
    QTest::newRow("line break in appKey")
        << QStringLiteral("p") << with(good, Field::AppKey, QStringLiteral("client-id\n")) << Status::InvalidInput
        << QStringLiteral("control character");
    QTest::newRow("NUL in secret, which libsecret would cut")
        << QStringLiteral("p") << with(good, Field::Secret, QStringLiteral("abc") + QChar(0) + QStringLiteral("def"))
        << Status::InvalidInput << QStringLiteral("p/secret");
    QTest::newRow("empty profile") << QString() << good << Status::InvalidInput << QStringLiteral("profile name");
    QTest::newRow("profile with a slash")
        << QStringLiteral("a/b") << good << Status::InvalidInput << QStringLiteral("profile name");
    QTest::newRow("profile with surrounding space")
        << QStringLiteral(" p") << good << Status::InvalidInput << QStringLiteral("profile name");
}

void TestCredentialStore::checkForSaving()
{
    QFETCH(QString, profile);
    QFETCH(Credentials, credentials);
    QFETCH(Status, status);
    QFETCH(QString, messagePart);

    const CredentialStore::Result result = CredentialStore::checkForSaving(profile, credentials);

    QCOMPARE(result.status, status);
    QVERIFY2(result.message.contains(messagePart), qPrintable(result.message));
    for (const QString &value : valuesOf(credentials)) {
        if (value.size() >= 4)
            QVERIFY2(!result.message.contains(value), "a message quotes a value");
    }
}

void TestCredentialStore::errorMapping_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("advice");

    QTest::newRow("EntryNotFound") << int(QKeychain::EntryNotFound) << Status::NotFound
                                   << QStringLiteral("unlock it and retry");
    QTest::newRow("AccessDenied") << int(QKeychain::AccessDenied) << Status::Locked
                                  << QStringLiteral("Unlock it and retry");
    QTest::newRow("AccessDeniedByUser") << int(QKeychain::AccessDeniedByUser) << Status::Locked
                                        << QStringLiteral("Unlock it and retry");
    QTest::newRow("NoBackendAvailable") << int(QKeychain::NoBackendAvailable) << Status::NoService
                                        << QStringLiteral("install or start gnome-keyring or KWallet");
    QTest::newRow("NotImplemented") << int(QKeychain::NotImplemented) << Status::NoService
                                    << QStringLiteral("install or start gnome-keyring or KWallet");
    QTest::newRow("OtherError") << int(QKeychain::OtherError) << Status::NoService
                                << QStringLiteral("install or start gnome-keyring or KWallet");
    QTest::newRow("CouldNotDeleteEntry") << int(QKeychain::CouldNotDeleteEntry) << Status::Failed
                                         << QStringLiteral("Retry");
}

void TestCredentialStore::errorMapping()
{
    QFETCH(int, error);
    QFETCH(Status, status);
    QFETCH(QString, advice);

    const auto code = static_cast<QKeychain::Error>(error);
    QCOMPARE(KeychainError::statusFor(code), status);
    const QString text = KeychainError::explain(code, QStringLiteral("library says why"));
    QVERIFY2(text.contains(advice, Qt::CaseInsensitive), qPrintable(text));
    if (status != Status::NotFound)
        QVERIFY2(text.contains(QStringLiteral("library says why")), qPrintable(text));
}

void TestCredentialStore::defaultTimeout()
{
    CredentialStore store;
    QCOMPARE(store.timeout(), 10s);
    store.setTimeout(250ms);
    QCOMPARE(store.timeout(), 250ms);
    QVERIFY(!store.isBusy());
    QVERIFY(!store.hasPendingWrite());
}

// ---- the real keyring ----

void TestCredentialStore::roundTrip_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<Credentials>("credentials");

    QTest::newRow("oauth2") << QStringLiteral("rt-oauth2") << oauth2Credentials(QStringLiteral("rt1"));
    QTest::newRow("legacy") << QStringLiteral("rt-legacy") << legacyCredentials(QStringLiteral("rt2"));
    Credentials wide = legacyCredentials(QStringLiteral("rt3"));
    for (Field f : CredentialStore::fieldsFor(LoginForm::LegacyApiKey))
        CredentialStore::setValue(&wide,
            f,
            QString(CredentialStore::MaxValueLength, QChar(0x61 + static_cast<int>(f))));
    QTest::newRow("legacy, every field at the 1024-character limit") << QStringLiteral("rt-wide") << wide;
    Credentials unicode = oauth2Credentials(QStringLiteral("rt4"));
    unicode.username = QStringLiteral("bøt-ユーザー-😀");
    unicode.secret = QStringLiteral("sécret with spaces and \"quotes\"");
    QTest::newRow("non-ASCII values") << QStringLiteral("rt-unicode") << unicode;
}

void TestCredentialStore::roundTrip()
{
    QFETCH(QString, profile);
    QFETCH(Credentials, credentials);
    CredentialStore store;

    const Outcome written = writeAndWait(store, profile, credentials);
    QVERIFY(written.arrived);
    QCOMPARE(written.result.status, Status::Ok);
    QVERIFY(written.result.message.contains(QStringLiteral("org.shiftsync.ShiftSync")));

    const Outcome read = readAndWait(store, profile, credentials.form);
    QVERIFY(read.arrived);
    QCOMPARE(read.result.status, Status::Ok);
    QVERIFY(read.credentials == credentials);
    QVERIFY(!store.isBusy());
}

void TestCredentialStore::entriesReadableBySecretTool()
{
    CredentialStore store;
    const Credentials credentials = legacyCredentials(QStringLiteral("pin"));
    QVERIFY(writeAndWait(store, QStringLiteral("default"), credentials).result.isOk());

    // Another program finds each value under service org.shiftsync.ShiftSync, key default/<field>.
    for (Field field : CredentialStore::fieldsFor(LoginForm::LegacyApiKey)) {
        const QString key = QStringLiteral("default/") + CredentialStore::fieldName(field);
        QCOMPARE(secretToolLookup(key), CredentialStore::valueOf(credentials, field));
    }
    QVERIFY(removeAndWait(store, QStringLiteral("default")).result.isOk());
}

void TestCredentialStore::oauth2SaveDeletesLegacyTokens()
{
    CredentialStore store;
    const QString profile = QStringLiteral("switch-form");
    QVERIFY(writeAndWait(store, profile, legacyCredentials(QStringLiteral("old"))).result.isOk());
    QVERIFY(!secretToolLookup(CredentialStore::keyFor(profile, Field::AccessToken)).isEmpty());

    const Outcome saved = writeAndWait(store, profile, oauth2Credentials(QStringLiteral("new")));

    QCOMPARE(saved.result.status, Status::Ok);
    QVERIFY(secretToolLookup(CredentialStore::keyFor(profile, Field::AccessToken)).isEmpty());
    QVERIFY(secretToolLookup(CredentialStore::keyFor(profile, Field::AccessTokenSecret)).isEmpty());
    // Read back as legacy, the set is now incomplete rather than half old, half new.
    QCOMPARE(readAndWait(store, profile, LoginForm::LegacyApiKey).result.status, Status::Incomplete);
    QVERIFY(readAndWait(store, profile, LoginForm::OAuth2ClientCredentials).credentials
        == oauth2Credentials(QStringLiteral("new")));
}

void TestCredentialStore::notFound()
{
    CredentialStore store;
    const Outcome read = readAndWait(store, QStringLiteral("never-saved"), LoginForm::OAuth2ClientCredentials);

    QVERIFY(read.arrived);
    QCOMPARE(read.result.status, Status::NotFound);
    QCOMPARE(read.result.key, QStringLiteral("never-saved/username"));
    QVERIFY2(read.result.message.contains(QStringLiteral("unlock it and retry")), qPrintable(read.result.message));
    QVERIFY(read.result.message.contains(QStringLiteral("org.shiftsync.ShiftSync")));
    QVERIFY(read.credentials == Credentials {});
}

void TestCredentialStore::incompleteSetReadsAsIncompleteAndWritesNothing_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("present"); // fields written directly, with a value
    QTest::addColumn<QStringList>("empty"); // fields written directly, empty (B03)
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("firstMissing");

    QTest::newRow("two of four entries") << QStringLiteral("partial-two")
                                         << QStringList {QStringLiteral("username"), QStringLiteral("appKey")}
                                         << QStringList {} << Status::Incomplete << QStringLiteral("secret");
    QTest::newRow("one entry stored empty")
        << QStringLiteral("partial-empty")
        << QStringList {QStringLiteral("username"), QStringLiteral("appKey"), QStringLiteral("secret")}
        << QStringList {QStringLiteral("mavenApiKey")} << Status::Incomplete << QStringLiteral("mavenApiKey");
    QTest::newRow("every entry stored empty") << QStringLiteral("partial-all-empty") << QStringList {}
                                              << QStringList {QStringLiteral("username"),
                                                     QStringLiteral("appKey"),
                                                     QStringLiteral("secret"),
                                                     QStringLiteral("mavenApiKey")}
                                              << Status::NotFound << QStringLiteral("username");
}

void TestCredentialStore::incompleteSetReadsAsIncompleteAndWritesNothing()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, present);
    QFETCH(QStringList, empty);
    QFETCH(Status, status);
    QFETCH(QString, firstMissing);

    for (const QString &field : present)
        QVERIFY(writeEntryDirectly(profile + QLatin1Char('/') + field, QStringLiteral("value-of-") + field));
    for (const QString &field : empty)
        QVERIFY(writeEntryDirectly(profile + QLatin1Char('/') + field, QString()));
    const QStringList before = keychainSnapshot();

    CredentialStore store;
    const Outcome read = readAndWait(store, profile, LoginForm::OAuth2ClientCredentials);

    QVERIFY(read.arrived);
    QCOMPARE(read.result.status, status);
    QCOMPARE(read.result.key, profile + QLatin1Char('/') + firstMissing);
    QVERIFY(read.credentials == Credentials {});
    QVERIFY2(!read.result.message.contains(QStringLiteral("value-of-")), qPrintable(read.result.message));
    // A read never writes, not even to "repair" the set.
    QCOMPARE(keychainSnapshot(), before);
}

void TestCredentialStore::refusedSaveKeepsPrevious_data()
{
    QTest::addColumn<Credentials>("replacement");
    QTest::addColumn<Status>("status");

    Credentials oversize = oauth2Credentials(QStringLiteral("new"));
    oversize.secret = QString(CredentialStore::MaxValueLength + 1, QLatin1Char('s'));
    QTest::newRow("oversize secret: TooLarge") << oversize << Status::TooLarge;
    Credentials incomplete = oauth2Credentials(QStringLiteral("new"));
    incomplete.mavenApiKey.clear();
    QTest::newRow("missing mavenApiKey: InvalidInput") << incomplete << Status::InvalidInput;
    Credentials empty;
    QTest::newRow("all empty: InvalidInput") << empty << Status::InvalidInput;
    Credentials control = oauth2Credentials(QStringLiteral("new"));
    control.username += QLatin1Char('\n');
    QTest::newRow("line break in username: InvalidInput") << control << Status::InvalidInput;
}

void TestCredentialStore::refusedSaveKeepsPrevious()
{
    QFETCH(Credentials, replacement);
    QFETCH(Status, status);

    CredentialStore store;
    const QString profile = QStringLiteral("refused");
    const Credentials previous = oauth2Credentials(QStringLiteral("previous"));
    QVERIFY(writeAndWait(store, profile, previous).result.isOk());
    const QStringList before = keychainSnapshot();

    const Outcome refused = writeAndWait(store, profile, replacement);

    QVERIFY(refused.arrived);
    QCOMPARE(refused.result.status, status);
    QVERIFY2(refused.result.message.contains(QStringLiteral("Nothing was saved")), qPrintable(refused.result.message));
    QCOMPARE(keychainSnapshot(), before);
    QVERIFY(readAndWait(store, profile, LoginForm::OAuth2ClientCredentials).credentials == previous);
}

void TestCredentialStore::lockedKeyring()
{
    CredentialStore store;
    const QString profile = QStringLiteral("locked");
    const Credentials previous = legacyCredentials(QStringLiteral("before-lock"));
    QVERIFY(writeAndWait(store, profile, previous).result.isOk());

    QVERIFY(lockKeyring(m_collection));
    auto unlock = qScopeGuard([this] { unlockKeyring(m_collection); });

    // Saving: the Secret Service refuses to create items in a locked collection.
    const Outcome write = writeAndWait(store, profile, legacyCredentials(QStringLiteral("while-locked")));
    QVERIFY(write.arrived);
    QCOMPARE(write.result.status, Status::Locked);
    QVERIFY2(write.result.message.contains(QStringLiteral("Unlock it and retry")), qPrintable(write.result.message));
    QCOMPARE(write.result.key, CredentialStore::keyFor(profile, Field::Username));

    // Reading: libsecret searches unlocked items only, so a locked entry reads as not found.
    const Outcome read = readAndWait(store, profile, LoginForm::LegacyApiKey);
    QVERIFY(read.arrived);
    QCOMPARE(read.result.status, Status::NotFound);
    QVERIFY2(read.result.message.contains(QStringLiteral("unlock it and retry")), qPrintable(read.result.message));

    // Removing: libsecret reports success without deleting anything (measured, libsecret 0.20).
    QCOMPARE(removeAndWait(store, profile).result.status, Status::Ok);

    unlock.dismiss();
    QVERIFY(unlockKeyring(m_collection));
    const Outcome after = readAndWait(store, profile, LoginForm::LegacyApiKey);
    QCOMPARE(after.result.status, Status::Ok);
    QVERIFY(after.credentials == previous);
}

void TestCredentialStore::failedWriteRestoresPrevious_data()
{
    QTest::addColumn<bool>("hadPrevious");
    QTest::addColumn<bool>("unlockBeforeRestore");

    QTest::newRow("second write refused, previous values restored") << true << true;
    QTest::newRow("fresh profile, first entry deleted again") << false << true;
    QTest::newRow("restore refused too") << true << false;
}

// The keyring is locked just before the second field's write (appKey) and, in the first two
// rows, unlocked again before the restore: the save fails half-way on the real keyring.
// (Unlocking matters for the delete too: on a locked keyring libsecret "deletes" nothing.)
void TestCredentialStore::failedWriteRestoresPrevious()
{
    QFETCH(bool, hadPrevious);
    QFETCH(bool, unlockBeforeRestore);

    CredentialStore store;
    const QString profile = QStringLiteral("rollback-%1%2").arg(int(hadPrevious)).arg(int(unlockBeforeRestore));
    const Credentials previous = oauth2Credentials(QStringLiteral("previous"));
    if (hadPrevious)
        QVERIFY(writeAndWait(store, profile, previous).result.isOk());

    auto unlock = qScopeGuard([this] { unlockKeyring(m_collection); });
    int writeJobs = 0;
    bool locked = false;
    KeychainJobWatcher watcher([&](QKeychain::Job *job) {
        if (locked) {
            // The first job after the refused write is the restore (a write, or a delete when
            // there was no previous value).
            locked = false;
            if (unlockBeforeRestore)
                QVERIFY(unlockKeyring(m_collection));
        } else if (qobject_cast<QKeychain::WritePasswordJob *>(job) && ++writeJobs == 2) {
            QVERIFY(lockKeyring(m_collection));
            locked = true;
        }
    });

    const Outcome write = writeAndWait(store, profile, oauth2Credentials(QStringLiteral("new")));
    QCoreApplication::instance()->removeEventFilter(&watcher);
    unlock.dismiss();
    QVERIFY(unlockKeyring(m_collection));

    QVERIFY(write.arrived);
    QCOMPARE(write.result.status, Status::Locked);
    QCOMPARE(write.result.key, CredentialStore::keyFor(profile, Field::AppKey));
    const Outcome read = readAndWait(store, profile, LoginForm::OAuth2ClientCredentials);
    if (unlockBeforeRestore) {
        QVERIFY2(write.result.message.contains(QStringLiteral("previous credentials were kept")),
            qPrintable(write.result.message));
        QCOMPARE(read.result.status, hadPrevious ? Status::Ok : Status::NotFound);
        if (hadPrevious)
            QVERIFY(read.credentials == previous);
    } else {
        QVERIFY2(write.result.message.contains(QStringLiteral("could not be restored: save again")),
            qPrintable(write.result.message));
        QVERIFY(write.result.message.contains(CredentialStore::keyFor(profile, Field::Username)));
        // The username is the new one; the rest is old: the message said so.
        QCOMPARE(read.result.status, Status::Ok);
        QCOMPARE(read.credentials.username, oauth2Credentials(QStringLiteral("new")).username);
        QCOMPARE(read.credentials.secret, previous.secret);
    }
}

void TestCredentialStore::operationsOnOneProfileRunInOrder()
{
    CredentialStore store;
    const QString profile = QStringLiteral("ordered");
    const Credentials first = oauth2Credentials(QStringLiteral("first"));
    const Credentials second = oauth2Credentials(QStringLiteral("second"));
    QStringList log;
    connect(&store, &CredentialStore::writeFinished, this, [&](const QString &, CredentialStore::Result r) {
        log << QStringLiteral("write ") + CredentialStore::statusName(r.status);
    });
    connect(&store,
        &CredentialStore::readFinished,
        this,
        [&](const QString &, CredentialStore::Result r, Credentials c) {
            log << QStringLiteral("read ") + CredentialStore::statusName(r.status) + QLatin1Char(' ')
                    + (c == first         ? QStringLiteral("first")
                            : c == second ? QStringLiteral("second")
                                          : QStringLiteral("?"));
        });
    QSignalSpy idle(&store, &CredentialStore::idle);

    store.write(profile, first);
    store.read(profile, LoginForm::OAuth2ClientCredentials);
    store.write(profile, second);
    store.read(profile, LoginForm::OAuth2ClientCredentials);
    QVERIFY(store.isBusy());
    QVERIFY(store.hasPendingWrite());

    QTRY_COMPARE_WITH_TIMEOUT(log.size(), 4, WaitMs);
    QCOMPARE(log,
        (QStringList {QStringLiteral("write Ok"),
            QStringLiteral("read Ok first"),
            QStringLiteral("write Ok"),
            QStringLiteral("read Ok second")}));
    QVERIFY(!store.isBusy());
    QVERIFY(!store.hasPendingWrite());
    QVERIFY(idle.size() >= 1);
}

void TestCredentialStore::removeDeletesEveryEntry()
{
    CredentialStore store;
    const QString profile = QStringLiteral("removed");
    QVERIFY(writeAndWait(store, profile, legacyCredentials(QStringLiteral("gone"))).result.isOk());

    QCOMPARE(removeAndWait(store, profile).result.status, Status::Ok);

    for (Field field : CredentialStore::fieldsFor(LoginForm::LegacyApiKey))
        QVERIFY(secretToolLookup(CredentialStore::keyFor(profile, field)).isEmpty());
    QCOMPARE(readAndWait(store, profile, LoginForm::LegacyApiKey).result.status, Status::NotFound);
    // Removing what is not there is fine.
    QCOMPARE(removeAndWait(store, profile).result.status, Status::Ok);
}

void TestCredentialStore::timeoutLeavesJobAndIgnoresLateAnswer_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<bool>("pendingWrite");
    QTest::addColumn<Status>("afterwards");

    // A zero timeout fires before the first D-Bus round trip can finish: every operation times out
    // on its first job, and that job then completes on its own.
    QTest::newRow("read") << int(CredentialStore::Operation::Read) << false << Status::Ok;
    QTest::newRow("write (first job reads the previous value)")
        << int(CredentialStore::Operation::Write) << false << Status::Ok;
    // The abandoned job deletes default/username after we gave up: the set reads as incomplete.
    QTest::newRow("remove (first job deletes username)")
        << int(CredentialStore::Operation::Remove) << true << Status::Incomplete;
}

void TestCredentialStore::timeoutLeavesJobAndIgnoresLateAnswer()
{
    QFETCH(int, operation);
    QFETCH(bool, pendingWrite);
    QFETCH(Status, afterwards);

    const QString profile = QStringLiteral("late-%1").arg(operation);
    const Credentials previous = oauth2Credentials(QStringLiteral("late"));
    CredentialStore store;
    QVERIFY(writeAndWait(store, profile, previous).result.isOk());

    QSignalSpy reads(&store, &CredentialStore::readFinished);
    QSignalSpy writes(&store, &CredentialStore::writeFinished);
    QSignalSpy removes(&store, &CredentialStore::removeFinished);
    QSignalSpy idle(&store, &CredentialStore::idle);
    store.setTimeout(0ms);
    switch (static_cast<CredentialStore::Operation>(operation)) {
    case CredentialStore::Operation::Read:
        store.read(profile, LoginForm::OAuth2ClientCredentials);
        break;
    case CredentialStore::Operation::Write:
        store.write(profile, oauth2Credentials(QStringLiteral("never")));
        break;
    case CredentialStore::Operation::Remove:
        store.remove(profile);
        break;
    }
    QSignalSpy &results = operation == 0 ? reads : operation == 1 ? writes : removes;

    QVERIFY(results.wait(WaitMs));
    const auto result = results.at(0).at(1).value<CredentialStore::Result>();
    QCOMPARE(result.status, Status::TimedOut);
    QVERIFY2(result.message.contains(QStringLiteral("not responding")), qPrintable(result.message));
    QVERIFY(!store.isBusy());
    QCOMPARE(store.abandonedJobCount(), 1);
    QCOMPARE(store.hasPendingWrite(), pendingWrite);

    // The abandoned job finishes and deletes itself; its answer is not delivered.
    QTRY_COMPARE_WITH_TIMEOUT(store.abandonedJobCount(), 0, WaitMs);
    QVERIFY(!store.hasPendingWrite());
    QVERIFY(idle.size() >= 1);
    QCOMPARE(reads.size() + writes.size() + removes.size(), 1);

    store.setTimeout(10s);
    const Outcome read = readAndWait(store, profile, LoginForm::OAuth2ClientCredentials);
    QCOMPARE(read.result.status, afterwards);
    if (afterwards == Status::Ok)
        QVERIFY(read.credentials == previous);
}

// B04 (a): quitting mid-save. The store and its operation go; the job they started lives on
// inside QtKeychain, finishes, and must not call back into freed memory.
void TestCredentialStore::storeDestroyedWithSaveInFlight()
{
    const QString profile = QStringLiteral("quit-mid-save");
    const Credentials previous = oauth2Credentials(QStringLiteral("kept"));
    {
        CredentialStore store;
        QVERIFY(writeAndWait(store, profile, previous).result.isOk());
    }

    auto store = std::make_unique<CredentialStore>();
    QSignalSpy writes(store.get(), &CredentialStore::writeFinished);
    store->write(profile, oauth2Credentials(QStringLiteral("interrupted")));
    QVERIFY(store->hasPendingWrite());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("destroyed while a save was in flight")));
    store.reset();

    // A second store's read queues behind the orphaned job in QtKeychain's executor, so when it
    // answers, the orphan has finished: no crash, and the save never got past its first read.
    CredentialStore next;
    const Outcome read = readAndWait(next, profile, LoginForm::OAuth2ClientCredentials);
    QCOMPARE(read.result.status, Status::Ok);
    QVERIFY(read.credentials == previous);
    QCOMPARE(writes.size(), 0);
}

// ---- other sessions ----

void TestCredentialStore::noSecretService_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("bus"); // "private", "none" or "missing-socket"
    QTest::addColumn<QString>("cause");

    QTest::newRow("write on a bus without a secret service")
        << QStringLiteral("write") << QStringLiteral("private") << QStringLiteral("org.freedesktop.secrets");
    QTest::newRow("read on a bus without a secret service")
        << QStringLiteral("read") << QStringLiteral("private") << QStringLiteral("org.freedesktop.secrets");
    QTest::newRow("remove on a bus without a secret service")
        << QStringLiteral("remove") << QStringLiteral("private") << QStringLiteral("org.freedesktop.secrets");
    QTest::newRow("write with no session bus at all")
        << QStringLiteral("write") << QStringLiteral("none") << QStringLiteral("D-Bus");
    QTest::newRow("read with a bus socket that does not exist")
        << QStringLiteral("read") << QStringLiteral("missing-socket") << QStringLiteral("connect");
}

// B01: the job fails fast with NoService, the message names the cause and the fix, and no
// secret lands in any file of the session.
void TestCredentialStore::noSecretService()
{
    QFETCH(QString, operation);
    QFETCH(QString, bus);
    QFETCH(QString, cause);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess daemon;
    auto stopDaemon = qScopeGuard([&daemon] {
        daemon.terminate();
        daemon.waitForFinished(WaitMs);
    });
    QString address;
    if (bus == QLatin1String("private")) {
        // No <servicedir>: nothing can be activated, so org.freedesktop.secrets has no owner.
        // (Without receive_sender the bus drops its own replies and every job hangs instead.)
        QFile config(dir.filePath(QStringLiteral("bus.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy>
</busconfig>
)")
                         .arg(dir.filePath(QStringLiteral("bus")))
                         .toUtf8());
        config.close();
        daemon.start(QStringLiteral("dbus-daemon"),
            {QStringLiteral("--config-file=") + config.fileName(),
                QStringLiteral("--nofork"),
                QStringLiteral("--print-address=1")});
        QVERIFY2(daemon.waitForStarted(WaitMs), "dbus-daemon missing: install the Debian package dbus");
        QTRY_VERIFY_WITH_TIMEOUT(daemon.canReadLine(), WaitMs);
        address = QString::fromUtf8(daemon.readLine()).trimmed();
        QVERIFY(address.startsWith(QStringLiteral("unix:")));
    } else if (bus == QLatin1String("missing-socket")) {
        address = QStringLiteral("unix:path=") + dir.filePath(QStringLiteral("no-such-socket"));
    }

    QProcess probe;
    probe.setProcessEnvironment(probeEnvironment(operation, 5000, address, dir.filePath(QStringLiteral("session"))));
    probe.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(probe.waitForFinished(15000));
    const QString output = QString::fromUtf8(probe.readAllStandardOutput());
    QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
    QVERIFY2(probe.exitCode() == 0, qPrintable(output));

    const QStringList finished = probeLine(output, QStringLiteral("finished ")).split(QLatin1Char(' '));
    QCOMPARE(finished.value(1), QStringLiteral("NoService"));
    QVERIFY2(finished.value(2).toInt() < 5000, qPrintable(output));
    const QString message = probeLine(output, QStringLiteral("message "));
    QVERIFY2(message.contains(QStringLiteral("install or start gnome-keyring or KWallet"), Qt::CaseInsensitive),
        qPrintable(message));
    QVERIFY2(message.contains(cause), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("org.shiftsync.ShiftSync")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("client-secret-probe")), qPrintable(message));
    QCOMPARE(probeLine(output, QStringLiteral("drained ")), QStringLiteral("drained results=1"));
    // No insecure fallback: nothing was written under HOME or the XDG directories.
    QCOMPARE(filesUnder(dir.filePath(QStringLiteral("session"))), QStringList());
}

void TestCredentialStore::busThatNeverAnswers_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("pendingWrite");

    QTest::newRow("read") << QStringLiteral("read") << QStringLiteral("0");
    QTest::newRow("write") << QStringLiteral("write") << QStringLiteral("0"); // stuck on reading the old value
    QTest::newRow("remove") << QStringLiteral("remove") << QStringLiteral("1");
}

// B02/B04 (b): a "bus" that accepts the connection and never says a word, so libsecret waits
// forever. The operation must end with TimedOut on our timer; then the bus hangs up, the
// abandoned job finishes late, and the child must neither crash nor deliver a second result.
void TestCredentialStore::busThatNeverAnswers()
{
    QFETCH(QString, operation);
    QFETCH(QString, pendingWrite);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QLocalServer silentBus;
    QVERIFY(silentBus.listen(dir.filePath(QStringLiteral("bus"))));
    QList<QPointer<QLocalSocket>> connections;
    connect(&silentBus, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket *socket = silentBus.nextPendingConnection())
            connections << socket;
    });

    const int timeoutMs = 300;
    QProcess probe;
    QString output;
    connect(&probe, &QProcess::readyReadStandardOutput, this, [&] {
        output += QString::fromUtf8(probe.readAllStandardOutput());
    });
    probe.setProcessEnvironment(probeEnvironment(operation,
        timeoutMs,
        QStringLiteral("unix:path=") + silentBus.fullServerName(),
        dir.filePath(QStringLiteral("session"))));
    probe.start(QCoreApplication::applicationFilePath(), {});
    auto killProbe = qScopeGuard([&probe] {
        probe.kill();
        probe.waitForFinished(WaitMs);
    });

    QTRY_VERIFY_WITH_TIMEOUT(output.contains(QStringLiteral("\nstate ")), WaitMs);
    const QStringList finished = probeLine(output, QStringLiteral("finished ")).split(QLatin1Char(' '));
    QCOMPARE(finished.value(1), QStringLiteral("TimedOut"));
    QVERIFY2(finished.value(2).toInt() >= timeoutMs * 9 / 10 && finished.value(2).toInt() < timeoutMs + 2000,
        qPrintable(output));
    QVERIFY2(probeLine(output, QStringLiteral("message ")).contains(QStringLiteral("unlock it or retry")),
        qPrintable(output));
    QCOMPARE(probeLine(output, QStringLiteral("state ")),
        QStringLiteral("state pendingWrite=%1 abandoned=1").arg(pendingWrite));
    QVERIFY(!output.contains(QStringLiteral("drained")));
    QVERIFY(!connections.isEmpty());

    // Hang up: the abandoned job now finishes with an error, long after we stopped waiting.
    for (const QPointer<QLocalSocket> &socket : connections) {
        if (socket)
            socket->abort();
    }
    QTRY_VERIFY_WITH_TIMEOUT(probe.state() == QProcess::NotRunning, WaitMs);
    killProbe.dismiss();
    QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
    QVERIFY2(probe.exitCode() == 0, qPrintable(output));
    QCOMPARE(probeLine(output, QStringLiteral("drained ")), QStringLiteral("drained results=1"));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ProbeVariable))
        return runProbe();

    TestCredentialStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
