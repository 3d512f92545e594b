// Local checks of the settings: namespace names, URLs, intervals and the loopback rule.

#include "config/namespacerule.h"
#include "config/profileconfig.h"
#include "config/profilesettings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestProfileConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namespaces_data();
    void namespaces();
    void validation_data();
    void validation();
    void settingsRoundTripHoldsNoSecret();
};

void TestProfileConfig::namespaces_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("warned");

    QTest::newRow("reference job's namespace") << QStringLiteral("shift-status-api") << true << true;
    QTest::newRow("letters digits underscore") << QStringLiteral("shift_status_2") << true << false;
    QTest::newRow("reserved conversation") << QStringLiteral("conversation") << false << false;
    QTest::newRow("reserved in capitals") << QStringLiteral("FAAS") << false << false;
    QTest::newRow("each reserved: consumer") << QStringLiteral("consumer") << false << false;
    QTest::newRow("each reserved: operational") << QStringLiteral("operational") << false << false;
    QTest::newRow("each reserved: custom") << QStringLiteral("custom") << false << false;
    QTest::newRow("each reserved: sde") << QStringLiteral("sde") << false << false;
    QTest::newRow("space") << QStringLiteral("shift status") << false << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false << false;
    QTest::newRow("dot") << QStringLiteral("a.b") << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("too long") << QString(101, QLatin1Char('a')) << false << false;
}

void TestProfileConfig::namespaces()
{
    QFETCH(QString, name);
    QFETCH(bool, accepted);
    QFETCH(bool, warned);

    QCOMPARE(NamespaceRule::error(name).isEmpty(), accepted);
    QCOMPARE(!NamespaceRule::warning(name).isEmpty(), warned);
}

void TestProfileConfig::validation_data()
{
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("csds");
    QTest::addColumn<QString>("context");
    QTest::addColumn<int>("interval");
    QTest::addColumn<QString>("problem"); // a word the single problem must contain; empty: valid

    const QString https = QStringLiteral("https://api.example.test");
    const QString local = QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("defaults with an account") << QStringLiteral("90000001") << https << QString() << 900 << QString();
    QTest::newRow("no account") << QString() << https << QString() << 900 << QStringLiteral("account");
    QTest::newRow("account with letters")
        << QStringLiteral("9x") << https << QString() << 900 << QStringLiteral("digits");
    QTest::newRow("plain http to a remote host") << QStringLiteral("1") << QStringLiteral("http://api.example.test")
                                                 << QString() << 900 << QStringLiteral("https");
    QTest::newRow("plain http to loopback") << QStringLiteral("1") << local << local << 900 << QString();
    QTest::newRow("plain http to ::1") << QStringLiteral("1") << QStringLiteral("http://[::1]:9") << local << 900
                                       << QString();
    QTest::newRow("10 s interval, all loopback") << QStringLiteral("1") << local << local << 10 << QString();
    QTest::newRow("10 s interval, remote context")
        << QStringLiteral("1") << local << https << 10 << QStringLiteral("interval");
    QTest::newRow("10 s interval, remote CSDS")
        << QStringLiteral("1") << https << local << 10 << QStringLiteral("interval");
    QTest::newRow("ftp context URL") << QStringLiteral("1") << https << QStringLiteral("ftp://x.example.test") << 900
                                     << QStringLiteral("https");
}

void TestProfileConfig::validation()
{
    QFETCH(QString, account);
    QFETCH(QString, csds);
    QFETCH(QString, context);
    QFETCH(int, interval);
    QFETCH(QString, problem);

    ProfileConfig config;
    config.accountId = account;
    config.csdsUrl = QUrl(csds);
    config.contextUrl = QUrl(context);
    config.intervalSeconds = interval;

    const QStringList problems = config.validate();
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u';')));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
}

void TestProfileConfig::settingsRoundTripHoldsNoSecret()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);

    ProfileConfig config;
    config.profile = QStringLiteral("emea");
    config.accountId = QStringLiteral("123");
    config.loginForm = LoginForm::LegacyApiKey;
    config.contextNamespace = QStringLiteral("shift_status");
    config.contextUrl = QUrl(QStringLiteral("https://z2.context.liveperson.net"));
    config.intervalSeconds = 120;
    ProfileSettings::save(settings, config);
    settings.sync();

    const ProfileConfig loaded = ProfileSettings::load(settings, QStringLiteral("emea"));
    QCOMPARE(loaded.accountId, config.accountId);
    QCOMPARE(loaded.loginForm, LoginForm::LegacyApiKey);
    QCOMPARE(loaded.contextNamespace, config.contextNamespace);
    QCOMPARE(loaded.contextUrl, config.contextUrl);
    QCOMPARE(loaded.intervalSeconds, 120);
    QVERIFY(loaded.loginUrl.isEmpty());

    QFile file(dir.filePath(QStringLiteral("s.ini")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll().toLower();
    for (const char *word : {"secret", "apikey", "token", "password", "bearer"})
        QVERIFY2(!text.contains(word), word);
}

QTEST_GUILESS_MAIN(TestProfileConfig)
#include "tst_profileconfig.moc"
