// The shaping step: Shift Status array -> the reference job's {timestamp, <skillId>: entry}.
// Every case of failure kind B16 (big numbers, numeric keys, nulls) and the id decisions.

#include "sync/shiftshaper.h"

#include <QJsonDocument>
#include <QTest>

class TestShiftShaper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keys_data();
    void keys();
    void valuesAreCopiedUnchanged();
    void bigTimestampsSurviveSerialisation();
    void timestampFormat();
    void duplicateIdLastWins();
    void legacySkillField_data();
    void legacySkillField();
    void onShiftCount();
    void b16Scenario();
};

namespace {

const QDateTime Now = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 7), Qt::UTC);

QJsonArray parseArray(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).array();
}

ShapedShiftStatus shapeJson(const char *json, bool legacy = true)
{
    return ShiftShaper::shape(parseArray(json), Now, ShiftShaper::Options {legacy});
}

} // namespace

void TestShiftShaper::keys_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("expectedKey"); // empty: the entry must be skipped

    QTest::newRow("small id") << QByteArray(R"({"skillId":12,"onShift":true})") << QStringLiteral("12");
    QTest::newRow("nine digits") << QByteArray(R"({"skillId":326244912,"onShift":true})")
                                 << QStringLiteral("326244912");
    QTest::newRow("skill id above 2^31") << QByteArray(R"({"skillId":4300000001,"onShift":false})")
                                         << QStringLiteral("4300000001");
    QTest::newRow("skill id above 2^32") << QByteArray(R"({"skillId":1111111111111,"onShift":false})")
                                         << QStringLiteral("1111111111111");
    QTest::newRow("skill id exactly 2^53")
        << QByteArray(R"({"skillId":9007199254740992,"onShift":true})") << QStringLiteral("9007199254740992");
    QTest::newRow("skill id above 2^53") << QByteArray(R"({"skillId":9007199254740993})") << QString();
    QTest::newRow("id written as 4.3e9") << QByteArray(R"({"skillId":4.3e9,"onShift":true})")
                                         << QStringLiteral("4300000000");
    QTest::newRow("id with a fraction") << QByteArray(R"({"skillId":12.5})") << QString();
    QTest::newRow("zero id") << QByteArray(R"({"skillId":0})") << QString();
    QTest::newRow("negative id") << QByteArray(R"({"skillId":-5})") << QString();
    QTest::newRow("id as a digit string") << QByteArray(R"({"skillId":"12","onShift":true})") << QStringLiteral("12");
    QTest::newRow("big id as a string") << QByteArray(R"({"skillId":"4300000001","onShift":false})")
                                        << QStringLiteral("4300000001");
    QTest::newRow("string with leading zero") << QByteArray(R"({"skillId":"012"})") << QString();
    QTest::newRow("string with letters") << QByteArray(R"({"skillId":"sales"})") << QString();
    QTest::newRow("string with spaces") << QByteArray(R"({"skillId":" 12"})") << QString();
    QTest::newRow("empty string") << QByteArray(R"({"skillId":""})") << QString();
    QTest::newRow("null id") << QByteArray(R"({"skillId":null,"onShift":true})") << QString();
    QTest::newRow("boolean id") << QByteArray(R"({"skillId":true})") << QString();
    QTest::newRow("object id") << QByteArray(R"({"skillId":{"id":1}})") << QString();
    QTest::newRow("missing id") << QByteArray(R"({"onShift":true})") << QString();
    QTest::newRow("onShift as the string false") << QByteArray(R"({"skillId":7,"onShift":"false"})") << QString();
    QTest::newRow("onShift missing") << QByteArray(R"({"skillId":7})") << QString();
    QTest::newRow("onShift null") << QByteArray(R"({"skillId":7,"onShift":null})") << QString();
    QTest::newRow("nextOn as text") << QByteArray(R"({"skillId":7,"onShift":true,"nextOn":"soon"})") << QString();
    QTest::newRow("nextOff negative") << QByteArray(R"({"skillId":7,"onShift":true,"nextOff":-1})") << QString();
    QTest::newRow("nextOff null is fine")
        << QByteArray(R"({"skillId":7,"onShift":false,"nextOff":null})") << QStringLiteral("7");
}

void TestShiftShaper::keys()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, expectedKey);

    const QByteArray array = '[' + entry + ']';
    const ShapedShiftStatus shaped = shapeJson(array.constData());

    if (expectedKey.isEmpty()) {
        QCOMPARE(shaped.skills.size(), 0);
        QCOMPARE(shaped.skipped.size(), 1);
        QCOMPARE(shaped.document.keys(), QStringList {QStringLiteral("timestamp")});
        QVERIFY(!shaped.document.contains(QStringLiteral("0")));
        return;
    }
    QCOMPARE(shaped.skills.size(), 1);
    QCOMPARE(shaped.skills.first().id, expectedKey);
    QVERIFY2(shaped.document.contains(expectedKey), qPrintable(shaped.document.keys().join(u',')));
    QVERIFY(shaped.skipped.isEmpty());
}

void TestShiftShaper::valuesAreCopiedUnchanged()
{
    const ShapedShiftStatus shaped = shapeJson(R"([
        {"skillId":1,"onShift":true,"nextOn":1535979600000,"nextOff":null},
        {"skillId":2,"onShift":false},
        {"skillId":3,"onShift":true,"nextOn":1700050000000,"extra":{"a":[1,2]}}
    ])");

    const QJsonObject first = shaped.document.value(QStringLiteral("1")).toObject();
    QVERIFY(first.value(QStringLiteral("nextOff")).isNull());
    QCOMPARE(first.value(QStringLiteral("nextOn")).toInteger(), Q_INT64_C(1535979600000));

    const QJsonObject second = shaped.document.value(QStringLiteral("2")).toObject();
    QVERIFY(!second.contains(QStringLiteral("nextOn")));
    QVERIFY(!second.contains(QStringLiteral("nextOff")));

    const QJsonObject third = shaped.document.value(QStringLiteral("3")).toObject();
    QCOMPARE(third,
        QJsonDocument::fromJson(R"({"skillId":3,"onShift":true,"nextOn":1700050000000,"extra":{"a":[1,2]}})").object());
}

void TestShiftShaper::bigTimestampsSurviveSerialisation()
{
    const ShapedShiftStatus shaped
        = shapeJson(R"([{"skillId":4300000001,"onShift":true,"nextOn":1535979600000,"nextOff":null}])");
    const QByteArray body = QJsonDocument(shaped.document).toJson(QJsonDocument::Compact);

    QVERIFY2(body.contains(R"("4300000001":{)"), body.constData());
    QVERIFY2(body.contains(R"("skillId":4300000001)"), body.constData());
    QVERIFY2(body.contains(R"("nextOn":1535979600000)"), body.constData());
    QVERIFY2(body.contains(R"("nextOff":null)"), body.constData());
    QVERIFY2(!body.contains("e+"), body.constData());
}

void TestShiftShaper::timestampFormat()
{
    const ShapedShiftStatus shaped = shapeJson("[]");
    QCOMPARE(shaped.document.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2024-05-01T12:00:00.007Z"));

    const QDateTime local = Now.toOffsetFromUtc(3 * 3600);
    QCOMPARE(ShiftShaper::timestampFor(local), QStringLiteral("2024-05-01T12:00:00.007Z"));
}

void TestShiftShaper::duplicateIdLastWins()
{
    const ShapedShiftStatus shaped = shapeJson(R"([{"skillId":7,"onShift":false},{"skillId":"7","onShift":true}])");

    QCOMPARE(shaped.skills.size(), 1);
    QCOMPARE(shaped.duplicates, QStringList {QStringLiteral("7")});
    QVERIFY(shaped.document.value(QStringLiteral("7")).toObject().value(QStringLiteral("onShift")).toBool());
    QCOMPARE(shaped.onShiftCount, 1);
}

void TestShiftShaper::legacySkillField_data()
{
    QTest::addColumn<bool>("accept");
    QTest::addColumn<int>("skills");

    QTest::newRow("legacy field accepted") << true << 1;
    QTest::newRow("legacy field refused") << false << 0;
}

void TestShiftShaper::legacySkillField()
{
    QFETCH(bool, accept);
    QFETCH(int, skills);

    const ShapedShiftStatus shaped = shapeJson(R"([{"skill":555,"onShift":true}])", accept);
    QCOMPARE(shaped.skills.size(), skills);
    QCOMPARE(shaped.document.contains(QStringLiteral("555")), accept);
    if (accept)
        QCOMPARE(shaped.document.value(QStringLiteral("555")).toObject().value(QStringLiteral("skill")).toInteger(),
            555);
}

void TestShiftShaper::onShiftCount()
{
    const ShapedShiftStatus shaped = shapeJson(
        R"([{"skillId":1,"onShift":true},{"skillId":2,"onShift":false},{"skillId":3,"onShift":true},{"skillId":4}])");
    QCOMPARE(shaped.onShiftCount, 2);
    QCOMPARE(shaped.skills.size(), 3); // the entry without onShift is skipped
    QCOMPARE(shaped.skipped.size(), 1);
}

// The exact input of failure case B16, with the full expected document.
void TestShiftShaper::b16Scenario()
{
    const ShapedShiftStatus shaped = shapeJson(R"([
        {"skillId":326244912,"onShift":true,"nextOn":1535979600000,"nextOff":null},
        {"skillId":4300000001,"onShift":false},
        {"skillId":"12","onShift":true},
        {"onShift":true}])");

    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "timestamp":"2024-05-01T12:00:00.007Z",
        "326244912":{"skillId":326244912,"onShift":true,"nextOn":1535979600000,"nextOff":null},
        "4300000001":{"skillId":4300000001,"onShift":false},
        "12":{"skillId":"12","onShift":true}})")
                                     .object();
    QCOMPARE(shaped.document, expected);
    QCOMPARE(shaped.skipped.size(), 1);
    QVERIFY(shaped.skipped.first().contains(QStringLiteral("no skill id")));
}

QTEST_GUILESS_MAIN(TestShiftShaper)
#include "tst_shiftshaper.moc"
