// CredentialsFile::load against real files in a temporary directory: what it accepts, what it
// refuses and why, and that no refusal ever quotes a value from the file.

#include "credentials/credentialsfile.h"
#include "util/redaction.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

// Distinctive values, so a leak into an error text is easy to spot.
const QString Username = QStringLiteral("bot-user-7731");
const QString AppKey = QStringLiteral("client-id-AAAA1111");
const QString Secret = QStringLiteral("client-secret-BBBB2222");
const QString AccessToken = QStringLiteral("access-token-CCCC3333");
const QString AccessTokenSecret = QStringLiteral("token-secret-DDDD4444");
const QString MavenApiKey = QStringLiteral("maven-key-EEEE5555");

QByteArray json(const QString &text)
{
    return text.toUtf8();
}

QByteArray oauth2Body()
{
    return json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3", "mavenApiKey": "%4"})")
                    .arg(Username, AppKey, Secret, MavenApiKey));
}

QByteArray legacyBody()
{
    return json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3", "accessToken": "%4",
                                   "accessTokenSecret": "%5", "mavenApiKey": "%6"})")
                    .arg(Username, AppKey, Secret, AccessToken, AccessTokenSecret, MavenApiKey));
}

// A valid OAuth 2.0 body padded with trailing spaces to exactly `size` bytes.
QByteArray paddedTo(qsizetype size)
{
    QByteArray body = oauth2Body();
    body.append(QByteArray(size - body.size(), ' '));
    return body;
}

enum class Kind { File, Missing, Directory, Fifo };

} // namespace

class TestCredentialsFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void load_data();
    void load();
    void refusesUnreadableFile();
    void nullErrorPointerIsAllowed();
};

void TestCredentialsFile::load_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("errorPart");

    const int oauth2 = static_cast<int>(LoginForm::OAuth2ClientCredentials);
    const int legacy = static_cast<int>(LoginForm::LegacyApiKey);
    const int file = static_cast<int>(Kind::File);

    QTest::newRow("good oauth2") << file << oauth2Body() << 0600 << true << oauth2 << QString();
    QTest::newRow("good oauth2, owner read-only") << file << oauth2Body() << 0400 << true << oauth2 << QString();
    QTest::newRow("good oauth2 with both token fields empty")
        << file
        << json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3", "mavenApiKey": "%4",
                                   "accessToken": "", "accessTokenSecret": " "})")
                    .arg(Username, AppKey, Secret, MavenApiKey))
        << 0600 << true << oauth2 << QString();
    QTest::newRow("good legacy") << file << legacyBody() << 0600 << true << legacy << QString();
    QTest::newRow("exactly 64 KiB accepted") << file << paddedTo(64 * 1024) << 0600 << true << oauth2 << QString();

    QTest::newRow("mode 0644 refused") << file << oauth2Body() << 0644 << false << 0 << QStringLiteral("chmod 600");
    QTest::newRow("mode 0640 refused (group)")
        << file << oauth2Body() << 0640 << false << 0 << QStringLiteral("chmod 600");
    QTest::newRow("mode 0604 refused (others)")
        << file << oauth2Body() << 0604 << false << 0 << QStringLiteral("chmod 600");
    QTest::newRow("accessToken only") << file
                                      << json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3",
                                                                 "mavenApiKey": "%4", "accessToken": "%5"})")
                                                  .arg(Username, AppKey, Secret, MavenApiKey, AccessToken))
                                      << 0600 << false << 0
                                      << QStringLiteral("has accessToken but not accessTokenSecret");
    QTest::newRow("accessTokenSecret only")
        << file
        << json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3", "mavenApiKey": "%4",
                                   "accessToken": "", "accessTokenSecret": "%5"})")
                    .arg(Username, AppKey, Secret, MavenApiKey, AccessTokenSecret))
        << 0600 << false << 0 << QStringLiteral("has accessTokenSecret but not accessToken");
    QTest::newRow("wrong type: secret is a number")
        << file
        << json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": 12345678, "mavenApiKey": "%3"})")
                    .arg(Username, AppKey, MavenApiKey))
        << 0600 << false << 0 << QStringLiteral("\"secret\" must be a string");
    QTest::newRow("wrong type: username is null")
        << file
        << json(QStringLiteral(R"({"username": null, "appKey": "%1", "secret": "%2", "mavenApiKey": "%3"})")
                    .arg(AppKey, Secret, MavenApiKey))
        << 0600 << false << 0 << QStringLiteral("\"username\" must be a string");
    QTest::newRow("not JSON") << file << QByteArray("username=bot\nsecret=client-secret-BBBB2222\n") << 0600 << false
                              << 0 << QStringLiteral("not valid JSON");
    QTest::newRow("truncated JSON holding a secret")
        << file << json(QStringLiteral(R"({"username": "%1", "secret": "%2")").arg(Username, Secret)) << 0600 << false
        << 0 << QStringLiteral("not valid JSON");
    QTest::newRow("empty file") << file << QByteArray() << 0600 << false << 0 << QStringLiteral("not valid JSON");
    QTest::newRow("array instead of object") << file << json(QStringLiteral(R"(["%1", "%2"])").arg(Username, Secret))
                                             << 0600 << false << 0 << QStringLiteral("one JSON object");
    QTest::newRow("incomplete: no mavenApiKey")
        << file
        << json(QStringLiteral(R"({"username": "%1", "appKey": "%2", "secret": "%3"})").arg(Username, AppKey, Secret))
        << 0600 << false << 0 << QStringLiteral("incomplete: mavenApiKey missing");
    QTest::newRow("incomplete: empty username")
        << file
        << json(QStringLiteral(R"({"username": "", "appKey": "%1", "secret": "%2", "mavenApiKey": "%3"})")
                    .arg(AppKey, Secret, MavenApiKey))
        << 0600 << false << 0 << QStringLiteral("username missing");
    QTest::newRow("too big (64 KiB + 1)")
        << file << paddedTo(64 * 1024 + 1) << 0600 << false << 0 << QStringLiteral("larger than 64 KiB");
    QTest::newRow("missing file") << static_cast<int>(Kind::Missing) << QByteArray() << 0600 << false << 0
                                  << QStringLiteral("does not exist");
    QTest::newRow("directory") << static_cast<int>(Kind::Directory) << QByteArray() << 0700 << false << 0
                               << QStringLiteral("not a regular file");
    QTest::newRow("fifo") << static_cast<int>(Kind::Fifo) << QByteArray() << 0600 << false << 0
                          << QStringLiteral("not a regular file");
}

void TestCredentialsFile::load()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, content);
    QFETCH(int, mode);
    QFETCH(bool, ok);
    QFETCH(int, form);
    QFETCH(QString, errorPart);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("credentials.json"));
    const QByteArray nativePath = QFile::encodeName(path);

    switch (static_cast<Kind>(kind)) {
    case Kind::File: {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
        file.close();
        QCOMPARE(::chmod(nativePath.constData(), static_cast<mode_t>(mode)), 0);
        break;
    }
    case Kind::Missing:
        break;
    case Kind::Directory:
        QVERIFY(QDir().mkdir(path));
        break;
    case Kind::Fifo:
        QCOMPARE(::mkfifo(nativePath.constData(), static_cast<mode_t>(mode)), 0);
        break;
    }

    // A sentinel that must survive every refusal.
    Credentials loaded;
    loaded.username = QStringLiteral("untouched");
    const Credentials before = loaded;
    QString error;

    QCOMPARE(CredentialsFile::load(path, &loaded, &error), ok);

    if (!ok) {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(loaded, before);
        for (const QString &value : {Username, AppKey, Secret, AccessToken, AccessTokenSecret, MavenApiKey})
            QVERIFY2(!error.contains(value), qPrintable(error));
        return;
    }

    QVERIFY(error.isEmpty());
    QCOMPARE(static_cast<int>(loaded.form), form);
    QCOMPARE(loaded.username, Username);
    QCOMPARE(loaded.appKey, AppKey);
    QCOMPARE(loaded.secret, Secret);
    QCOMPARE(loaded.mavenApiKey, MavenApiKey);
    if (loaded.form == LoginForm::LegacyApiKey) {
        QCOMPARE(loaded.accessToken, AccessToken);
        QCOMPARE(loaded.accessTokenSecret, AccessTokenSecret);
    } else {
        QVERIFY(loaded.accessToken.isEmpty());
        QVERIFY(loaded.accessTokenSecret.isEmpty());
    }
    QVERIFY(loaded.isComplete());
    // Loaded values are registered for masking.
    QVERIFY(!Redaction::scrub(Secret).contains(Secret));
}

void TestCredentialsFile::refusesUnreadableFile()
{
    if (::geteuid() == 0)
        QSKIP("running as root: a mode 000 file is still readable, so this case cannot happen here");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("credentials.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(oauth2Body());
    file.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0), 0);

    Credentials loaded;
    QString error;
    QVERIFY(!CredentialsFile::load(path, &loaded, &error));
    QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
    QVERIFY(!loaded.isComplete());
}

void TestCredentialsFile::nullErrorPointerIsAllowed()
{
    Credentials loaded;
    QVERIFY(!CredentialsFile::load(QStringLiteral("/nonexistent/shiftsync/credentials.json"), &loaded, nullptr));
    QVERIFY(!loaded.isComplete());
}

QTEST_GUILESS_MAIN(TestCredentialsFile)
#include "tst_credentialsfile.moc"
