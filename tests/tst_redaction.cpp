// The redaction helper: what a secret looks like in text meant for people.

#include "util/redaction.h"

#include <QTest>

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Redaction::forgetAllSecrets(); }
    void urls_data();
    void urls();
    void headers_data();
    void headers();
    void bodyFieldsAreMasked_data();
    void bodyFieldsAreMasked();
    void registeredSecretsAreScrubbed();
    void shortValuesAreNotRegistered();
    void excerptIsBoundedAndFlat();
    void messageHandlerScrubs();
};

void TestRedaction::urls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("shown");

    QTest::newRow("query removed") << QStringLiteral("https://h.example/api/account/1/login?v=1.3&token=abc")
                                   << QStringLiteral("https://h.example/api/account/1/login");
    QTest::newRow("user info removed") << QStringLiteral("https://user:pass@h.example/x")
                                       << QStringLiteral("https://h.example/x");
    QTest::newRow("fragment removed") << QStringLiteral("http://127.0.0.1:8/p#frag")
                                      << QStringLiteral("http://127.0.0.1:8/p");
}

void TestRedaction::urls()
{
    QFETCH(QString, url);
    QFETCH(QString, shown);
    QCOMPARE(Redaction::url(QUrl(url)), shown);
}

void TestRedaction::headers_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("masked");

    QTest::newRow("Authorization") << QByteArray("Authorization") << true;
    QTest::newRow("authorization lower case") << QByteArray("authorization") << true;
    QTest::newRow("Cookie") << QByteArray("Cookie") << true;
    QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie") << true;
    QTest::newRow("maven-api-key") << QByteArray("maven-api-key") << true;
    QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
}

void TestRedaction::headers()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, masked);

    const QByteArray value = Redaction::headerValue(name, "Bearer 0123456789abcdef");
    QCOMPARE(value.contains("0123456789abcdef"), !masked);
}

void TestRedaction::bodyFieldsAreMasked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("secret");

    QTest::newRow("login answer bearer") << QByteArray(R"({"csrf":"c5rf-value","bearer":"beef0123456789"})")
                                         << QStringLiteral("beef0123456789");
    QTest::newRow("csrf") << QByteArray(R"({"csrf":"c5rf-value"})") << QStringLiteral("c5rf-value");
    QTest::newRow("login body secret") << QByteArray(R"({"username":"bot","secret":"s3cr3t-value"})")
                                       << QStringLiteral("s3cr3t-value");
    QTest::newRow("appKey with spaces") << QByteArray(R"({"appKey" :  "client-id-123"})")
                                        << QStringLiteral("client-id-123");
    QTest::newRow("access token secret") << QByteArray(R"({"accessTokenSecret":"ats-value-1"})")
                                         << QStringLiteral("ats-value-1");
}

void TestRedaction::bodyFieldsAreMasked()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, secret);

    const QString excerpt = Redaction::bodyExcerpt(body);
    QVERIFY2(!excerpt.contains(secret), qPrintable(excerpt));
    QVERIFY(excerpt.contains(Redaction::Mask));
}

void TestRedaction::registeredSecretsAreScrubbed()
{
    Redaction::registerSecret(QStringLiteral("maven-key-XYZ"));

    const QString text = Redaction::scrub(QStringLiteral("header maven-key-XYZ sent twice: maven-key-XYZ"));
    QVERIFY(!text.contains(QStringLiteral("maven-key-XYZ")));
    QCOMPARE(text.count(Redaction::Mask), 2);
    QVERIFY(!Redaction::bodyExcerpt("plain maven-key-XYZ text").contains(QStringLiteral("maven-key-XYZ")));
}

void TestRedaction::shortValuesAreNotRegistered()
{
    Redaction::registerSecret(QStringLiteral("ab"));
    QCOMPARE(Redaction::scrub(QStringLiteral("tab label")), QStringLiteral("tab label"));
}

void TestRedaction::excerptIsBoundedAndFlat()
{
    const QByteArray html = "<html>\n<head><title>502 Bad Gateway</title></head>\n" + QByteArray(500, 'x');
    const QString excerpt = Redaction::bodyExcerpt(html, 40);

    QVERIFY(excerpt.size() <= 41);
    QVERIFY(!excerpt.contains(QLatin1Char('\n')));
    QVERIFY(excerpt.startsWith(QStringLiteral("<html> <head>")));
}

namespace {
QStringList g_captured;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_captured << message;
}
} // namespace

void TestRedaction::messageHandlerScrubs()
{
    const QtMessageHandler original = qInstallMessageHandler(capture);
    Redaction::installScrubbingMessageHandler();
    Redaction::registerSecret(QStringLiteral("bearer-token-0042"));

    qWarning("login answered with bearer-token-0042");
    qInstallMessageHandler(original);

    QCOMPARE(g_captured.size(), 1);
    QVERIFY2(!g_captured.first().contains(QStringLiteral("bearer-token-0042")), qPrintable(g_captured.first()));
}

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
