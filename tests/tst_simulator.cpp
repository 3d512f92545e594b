// The LivePerson simulator over real loopback HTTP: the shapes the product relies on (CSDS,
// login, shift-status, skills, the context store), the fault kinds the failure cases need, the
// control API and the shiftsync-simulator executable.

#include "livepersonsimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr qint64 FixedNowMs = 1714564800000; // 2024-05-01T12:00:00Z
constexpr qint64 HourMs = qint64(60) * 60 * 1000;
constexpr qint64 TwoPow31 = qint64(1) << 31;

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The executable: in the build's common bin/ directory, or in its own folder when built
// without it.
QString simulatorBinary()
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QStringList candidates {dir + QStringLiteral("/shiftsync-simulator"),
        dir + QStringLiteral("/../src/simulator/shiftsync-simulator")};
    for (const QString &candidate : candidates) {
        if (QFile::exists(candidate))
            return candidate;
    }
    return {};
}

// Captures the simulator's request log lines while a test runs.
QStringList *capturedLog = nullptr;
QtMessageHandler previousHandler = nullptr;

void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (capturedLog && qstrcmp(context.category, "shiftsync.simulator") == 0)
        capturedLog->append(message);
    else if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void csdsListsEveryServiceOnTheSimulator();
    void csdsAnswers_data();
    void csdsAnswers();
    void csdsCanLeaveOutShiftStatus();

    void login_data();
    void login();
    void loginBodyHasTheDocumentedFields();
    void loginBearerFaults_data();
    void loginBearerFaults();
    void refreshAndLogoutNeedCookieAndCsrf();

    void shiftStatusNeedsAValidBearer_data();
    void shiftStatusNeedsAValidBearer();
    void sessionsExpireAfterTheirTtl();
    void shiftStatusInvariants();
    void shiftStatusFollowsTheClockAndTheSeed();
    void shiftStatusShapingFaults_data();
    void shiftStatusShapingFaults();
    void shiftStatusServesAFedBodyExactly();
    void skillsListRevisionAndNotModified();

    void contextRoundTripIsByteExact();
    void contextPatchMergesAndNeverDeletes();
    void contextPropertyCalls();
    void contextNamespacesAndSessions();
    void contextRefuses_data();
    void contextRefuses();
    void contextDocumentLimitAnswers413();
    void contextCasBodyFault();

    void statusFaults_data();
    void statusFaults();
    void faultCountsAndClearsItself();
    void faultOnAnyEndpoint();
    void bodyFaults_data();
    void bodyFaults();
    void resetFaultDropsTheConnection();
    void stallIsOnlyEndedByATransferTimeout();
    void stallMidBodySendsHalfTheBody();
    void delayFaultAnswersLate();
    void bearerStopsWorkingAfterUses();

    void controlApiSetsFaultsAndReportsState();
    void controlApiFeedsShiftStatusAndClears();
    void controlApiAndLogRedactSecrets();
    void executableServesAndStopsOnSigterm();
    void executableRefusesNonLoopbackBind();

private:
    Reply send(const QByteArray &method,
        const QString &path,
        const QByteArray &body = {},
        const Headers &headers = {},
        int transferTimeoutMs = 10000);
    Reply get(const QString &path, const Headers &headers = {}) { return send("GET", path, {}, headers); }
    Reply loginReply(const QJsonObject &body, const QString &query = QStringLiteral("?v=1.3"));
    QString freshBearer();
    Reply shiftStatus(const QString &bearer);
    Reply patchContext(const QString &ns, const QByteArray &body);
    QString accountPath(const QString &rest) const;
    QString contextPath(const QString &rest) const;
    QJsonObject oauth2Body() const;
    Headers mavenHeaders() const;

    std::unique_ptr<LivePersonSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    qint64 m_nowMs = FixedNowMs;
};

void TestSimulator::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureHandler);
}

void TestSimulator::init()
{
    m_nowMs = FixedNowMs;
    m_sim = std::make_unique<LivePersonSimulator>();
    m_sim->setClock([this] { return m_nowMs; });
    QVERIFY(m_sim->start() != 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestSimulator::cleanup()
{
    m_nam.reset();
    m_sim.reset();
}

Reply TestSimulator::send(const QByteArray &method,
    const QString &path,
    const QByteArray &body,
    const Headers &headers,
    int transferTimeoutMs)
{
    QNetworkRequest request(m_sim->baseUrl().resolved(QUrl(path)));
    request.setTransferTimeout(transferTimeoutMs);
    // Every header is the test's own: no cookies from QNAM's jar.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);

    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->isOpen() ? reply->readAll() : QByteArray();
    result.headers = reply->rawHeaderPairs();
    result.elapsedMs = timer.elapsed();
    reply->deleteLater();
    return result;
}

QString TestSimulator::accountPath(const QString &rest) const
{
    return QStringLiteral("/api/account/%1/%2").arg(m_sim->account().accountId, rest);
}

QString TestSimulator::contextPath(const QString &rest) const
{
    return QStringLiteral("/v1/account/%1/%2").arg(m_sim->account().accountId, rest);
}

QJsonObject TestSimulator::oauth2Body() const
{
    const SimulatorAccount &account = m_sim->account();
    return {{QStringLiteral("username"), account.username},
        {QStringLiteral("appKey"), account.clientId},
        {QStringLiteral("secret"), account.clientSecret},
        {QStringLiteral("accessToken"), QStringLiteral("dummy")},
        {QStringLiteral("accessTokenSecret"), QStringLiteral("dummy")}};
}

Headers TestSimulator::mavenHeaders() const
{
    return {{"maven-api-key", m_sim->account().mavenApiKey.toUtf8()}, {"Content-Type", "application/json"}};
}

Reply TestSimulator::loginReply(const QJsonObject &body, const QString &query)
{
    return send("POST",
        accountPath(QStringLiteral("login")) + query,
        QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}});
}

QString TestSimulator::freshBearer()
{
    return loginReply(oauth2Body()).object().value(QStringLiteral("bearer")).toString();
}

Reply TestSimulator::shiftStatus(const QString &bearer)
{
    return get(accountPath(QStringLiteral("shift-status")), {{"Authorization", "Bearer " + bearer.toLatin1()}});
}

Reply TestSimulator::patchContext(const QString &ns, const QByteArray &body)
{
    return send("PATCH", contextPath(ns + QStringLiteral("/properties")), body, mavenHeaders());
}

void TestSimulator::csdsListsEveryServiceOnTheSimulator()
{
    const Reply reply = get(accountPath(QStringLiteral("service/baseURI.json?version=1.0")));
    QCOMPARE(reply.status, 200);

    const QString host = QStringLiteral("127.0.0.1:%1").arg(m_sim->port());
    QStringList services;
    for (const QJsonValue &entry : reply.object().value(QStringLiteral("baseURIs")).toArray()) {
        QCOMPARE(entry[QStringLiteral("baseURI")].toString(), host);
        QCOMPARE(entry[QStringLiteral("account")].toString(), m_sim->account().accountId);
        services.append(entry[QStringLiteral("service")].toString());
    }
    QCOMPARE(services,
        QStringList({QStringLiteral("agentVep"),
            QStringLiteral("asyncMessagingEnt"),
            QStringLiteral("shiftstatus"),
            QStringLiteral("accountConfigReadOnly"),
            QStringLiteral("accountConfigReadWrite")}));
}

void TestSimulator::csdsAnswers_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("service");

    QTest::newRow("single service form") << QStringLiteral(
        "/api/account/90000001/service/agentVep/baseURI.json?version=1.0")
                                         << 200 << QStringLiteral("agentVep");
    QTest::newRow("form without .json") << QStringLiteral(
        "/api/account/90000001/service/shiftstatus/baseURI?version=1.0")
                                        << 200 << QStringLiteral("shiftstatus");
    QTest::newRow("service names are case-sensitive")
        << QStringLiteral("/api/account/90000001/service/AGENTVEP/baseURI.json?version=1.0") << 404 << QString();
    QTest::newRow("missing version") << QStringLiteral("/api/account/90000001/service/baseURI.json") << 400
                                     << QString();
    QTest::newRow("unknown service") << QStringLiteral("/api/account/90000001/service/idp2/baseURI.json?version=1.0")
                                     << 404 << QString();
}

void TestSimulator::csdsAnswers()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, service);

    const Reply reply = get(path);
    QCOMPARE(reply.status, status);
    if (!service.isEmpty()) {
        QCOMPARE(reply.object().value(QStringLiteral("service")).toString(), service);
        QCOMPARE(reply.object().value(QStringLiteral("baseURI")).toString(), m_sim->advertisedHost());
    }
}

void TestSimulator::csdsCanLeaveOutShiftStatus()
{
    m_sim->setShiftStatusServiceListed(false);
    m_sim->setAdvertisedHost(QStringLiteral("sim.example.invalid:443"));

    const Reply list = get(accountPath(QStringLiteral("service/baseURI.json?version=1.0")));
    QVERIFY(!list.body.contains("\"shiftstatus\""));
    QVERIFY(list.body.contains("\"asyncMessagingEnt\""));
    QVERIFY(list.body.contains("sim.example.invalid:443"));
    QCOMPARE(get(accountPath(QStringLiteral("service/shiftstatus/baseURI.json?version=1.0"))).status, 404);

    const Reply otherAccount = get(QStringLiteral("/api/account/123/service/baseURI.json?version=1.0"));
    QCOMPARE(otherAccount.status, 200);
    QVERIFY(otherAccount.object().value(QStringLiteral("baseURIs")).toArray().isEmpty());
}

void TestSimulator::login_data()
{
    QTest::addColumn<QJsonObject>("changes"); // fields replaced in the OAuth 2.0 body (null removes)
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("rawBody"); // sent instead when set
    QTest::addColumn<int>("status");

    const QString v = QStringLiteral("?v=1.3");
    QTest::newRow("oauth2 client credentials") << QJsonObject {} << v << QByteArray() << 200;
    QTest::newRow("legacy api key") << QJsonObject {{QStringLiteral("appKey"), QStringLiteral("demo-app-key")},
        {QStringLiteral("secret"), QStringLiteral("demo-app-secret")},
        {QStringLiteral("accessToken"), QStringLiteral("demo-access-token")},
        {QStringLiteral("accessTokenSecret"), QStringLiteral("demo-access-token-secret")}}
                                    << v << QByteArray() << 200;
    QTest::newRow("user password") << QJsonObject {} << v
                                   << QByteArray(R"({"username":"shift-bot","password":"demo-password"})") << 200;
    QTest::newRow("wrong secret") << QJsonObject {{QStringLiteral("secret"), QStringLiteral("nope")}} << v
                                  << QByteArray() << 401;
    QTest::newRow("wrong username") << QJsonObject {{QStringLiteral("username"), QStringLiteral("someone")}} << v
                                    << QByteArray() << 401;
    QTest::newRow("empty oauth2 placeholder")
        << QJsonObject {{QStringLiteral("accessToken"), QString()}} << v << QByteArray() << 401;
    QTest::newRow("legacy key with a wrong token")
        << QJsonObject {{QStringLiteral("appKey"), QStringLiteral("demo-app-key")},
               {QStringLiteral("secret"), QStringLiteral("demo-app-secret")}}
        << v << QByteArray() << 401;
    QTest::newRow("missing v") << QJsonObject {} << QString() << QByteArray() << 400;
    QTest::newRow("missing field") << QJsonObject {{QStringLiteral("accessTokenSecret"), QJsonValue::Null}} << v
                                   << QByteArray() << 400;
    QTest::newRow("malformed json") << QJsonObject {} << v << QByteArray("{\"username\":") << 400;
    QTest::newRow("json array body") << QJsonObject {} << v << QByteArray("[]") << 400;
}

void TestSimulator::login()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QString, query);
    QFETCH(QByteArray, rawBody);
    QFETCH(int, status);

    QJsonObject body = oauth2Body();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            body.remove(it.key());
        else
            body.insert(it.key(), it.value());
    }
    const QByteArray bytes = rawBody.isEmpty() ? QJsonDocument(body).toJson() : rawBody;
    const Reply reply
        = send("POST", accountPath(QStringLiteral("login")) + query, bytes, {{"Content-Type", "application/json"}});

    QCOMPARE(reply.status, status);
    QCOMPARE(reply.object().value(QStringLiteral("bearer")).toString().size(), status == 200 ? 64 : 0);
    if (status != 200) {
        // The Login Service's error envelope.
        const QJsonObject error = reply.object().value(QStringLiteral("error")).toObject();
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("internalCode")).isDouble());
        QCOMPARE(m_sim->activeSessionCount(), 0);
    }
}

void TestSimulator::loginBodyHasTheDocumentedFields()
{
    const Reply reply = loginReply(oauth2Body());
    QCOMPARE(reply.status, 200);

    const QJsonObject body = reply.object();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$"))
                .match(body.value(QStringLiteral("bearer")).toString())
                .hasMatch());
    QVERIFY(body.value(QStringLiteral("sessionTTl")).isString());
    QCOMPARE(body.value(QStringLiteral("sessionTTl")).toString(), QStringLiteral("28800000"));
    QVERIFY(!body.value(QStringLiteral("csrf")).toString().isEmpty());
    QVERIFY(body.value(QStringLiteral("wsuk")).isString());
    QCOMPARE(body[QStringLiteral("config")][QStringLiteral("loginName")].toString(), m_sim->account().username);
    QVERIFY(!body[QStringLiteral("config")][QStringLiteral("userId")].toString().isEmpty());
    QVERIFY(body[QStringLiteral("csdsCollectionResponse")][QStringLiteral("baseURIs")].toArray().size() >= 4);
    QVERIFY(body[QStringLiteral("accountData")][QStringLiteral("agentGroupsData")].isObject());

    const QString sessionId = body.value(QStringLiteral("sessionId")).toString();
    QVERIFY(!sessionId.isEmpty());
    QVERIFY(reply.header("Set-Cookie").startsWith(QByteArray("Session_id=" + sessionId.toLatin1())));
    QCOMPARE(m_sim->activeSessionCount(), 1);
}

void TestSimulator::loginBearerFaults_data()
{
    QTest::addColumn<Fault::Kind>("kind");
    QTest::addColumn<bool>("hasKey");

    QTest::newRow("login without bearer") << Fault::Kind::NoBearer << false;
    QTest::newRow("login with null bearer") << Fault::Kind::NullBearer << true;
}

void TestSimulator::loginBearerFaults()
{
    QFETCH(Fault::Kind, kind);
    QFETCH(bool, hasKey);

    m_sim->setFault(Endpoint::Login, Fault::ofKind(kind));
    const Reply reply = loginReply(oauth2Body());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().contains(QStringLiteral("bearer")), hasKey);
    QVERIFY(reply.object().value(QStringLiteral("bearer")).toString().isEmpty());
    QVERIFY(!reply.object().value(QStringLiteral("csrf")).toString().isEmpty());
}

void TestSimulator::refreshAndLogoutNeedCookieAndCsrf()
{
    const QJsonObject login = loginReply(oauth2Body()).object();
    const QByteArray cookie = "Session_id=" + login.value(QStringLiteral("sessionId")).toString().toLatin1();
    const QByteArray csrf
        = QJsonDocument(QJsonObject {{QStringLiteral("csrf"), login.value(QStringLiteral("csrf"))}}).toJson();
    const Headers json {{"Content-Type", "application/json"}};

    QCOMPARE(send("POST", accountPath(QStringLiteral("refresh")), csrf, json).status, 401); // no cookie
    QCOMPARE(
        send("POST", accountPath(QStringLiteral("refresh")), "{\"csrf\":\"bad\"}", json + Headers {{"Cookie", cookie}})
            .status,
        401);

    // faas-cli sends the cookie name in lower case.
    const Reply refreshed = send("POST",
        accountPath(QStringLiteral("refresh?v=1.3")),
        csrf,
        json + Headers {{"Cookie", "session_id=" + cookie.mid(11)}});
    QCOMPARE(refreshed.status, 200);
    QVERIFY(refreshed.body.isEmpty());

    QCOMPARE(send("POST", accountPath(QStringLiteral("logout")), csrf, json + Headers {{"Cookie", cookie}}).status,
        200);
    QCOMPARE(shiftStatus(login.value(QStringLiteral("bearer")).toString()).status, 401);
    QCOMPARE(m_sim->activeSessionCount(), 0);
}

void TestSimulator::shiftStatusNeedsAValidBearer_data()
{
    QTest::addColumn<QByteArray>("authorization"); // "<login>" is replaced by a fresh bearer
    QTest::addColumn<bool>("expire");
    QTest::addColumn<int>("status");

    QTest::newRow("valid bearer") << QByteArray("Bearer <login>") << false << 200;
    QTest::newRow("lower-case scheme") << QByteArray("bearer <login>") << false << 200;
    QTest::newRow("no authorization header") << QByteArray() << false << 401;
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << false << 401;
    QTest::newRow("bearer undefined") << QByteArray("Bearer undefined") << false << 401;
    QTest::newRow("unknown bearer") << QByteArray("Bearer ") + QByteArray(64, 'a') << false << 401;
    QTest::newRow("expired session") << QByteArray("Bearer <login>") << true << 401;
}

void TestSimulator::shiftStatusNeedsAValidBearer()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, expire);
    QFETCH(int, status);

    authorization.replace("<login>", freshBearer().toLatin1());
    if (expire)
        m_sim->expireAllSessions();

    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const Reply reply = get(accountPath(QStringLiteral("shift-status")), headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.array().isEmpty(), status != 200);
}

void TestSimulator::sessionsExpireAfterTheirTtl()
{
    const QString bearer = freshBearer();
    m_nowMs += m_sim->account().sessionTtlMs - 1;
    QCOMPARE(shiftStatus(bearer).status, 200);

    m_nowMs += 1;
    QCOMPARE(shiftStatus(bearer).status, 401);
}

void TestSimulator::shiftStatusInvariants()
{
    const Reply reply = shiftStatus(freshBearer());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));

    const QJsonArray entries = reply.array();
    QCOMPARE(entries.size(), m_sim->account().skillCount);
    QSet<qint64> ids;
    int alwaysOn = 0, manualOff = 0, onlyNextOn = 0, windowsOn = 0, windowsOff = 0, aboveTwoPow31 = 0;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const qint64 id = entry.value(QStringLiteral("skillId")).toInteger(-1);
        QVERIFY2(id >= 100000000 && id < 10000000000, qPrintable(QString::number(id)));
        QVERIFY2(reply.body.contains(QByteArray("\"skillId\":" + QByteArray::number(id))),
            "ids are written as exact integers");
        ids.insert(id);
        aboveTwoPow31 += id > TwoPow31 ? 1 : 0;

        const bool onShift = entry.value(QStringLiteral("onShift")).toBool();
        const QJsonValue nextOn = entry.value(QStringLiteral("nextOn"));
        const QJsonValue nextOff = entry.value(QStringLiteral("nextOff"));
        if (nextOn.isUndefined() && nextOff.isUndefined()) {
            QVERIFY(onShift); // 24/7: the keys are left out, not null
            ++alwaysOn;
        } else if (nextOn.isNull() && nextOff.isNull()) {
            QVERIFY(!onShift);
            ++manualOff;
        } else if (nextOff.isUndefined()) {
            QVERIFY(!onShift);
            QVERIFY(nextOn.toInteger() > m_nowMs);
            ++onlyNextOn;
        } else {
            const qint64 on = nextOn.toInteger();
            const qint64 off = nextOff.toInteger();
            QVERIFY(on > m_nowMs && off > m_nowMs);
            QVERIFY(on % 60000 == 0 && off % 60000 == 0);
            QCOMPARE(onShift, off < on); // on shift: this shift ends before the next one starts
            QVERIFY(qAbs(off - on) <= 24 * HourMs);
            (onShift ? windowsOn : windowsOff) += 1;
        }
    }

    QCOMPARE(ids.size(), entries.size());
    QVERIFY(ids.contains(4300000001));
    QVERIFY(aboveTwoPow31 > entries.size() / 2);
    QVERIFY(alwaysOn > 0 && manualOff > 0 && onlyNextOn > 0 && windowsOn > 0 && windowsOff > 0);
    QCOMPARE(m_sim->shiftStatus(), entries);
}

void TestSimulator::shiftStatusFollowsTheClockAndTheSeed()
{
    const QJsonArray noon = m_sim->shiftStatus();
    m_nowMs += 12 * HourMs;
    QVERIFY(m_sim->shiftStatus() != noon);

    LivePersonSimulator same;
    same.setClock([] { return FixedNowMs; });
    QCOMPARE(same.shiftStatus(), noon);
    QCOMPARE(same.skills(), m_sim->skills());

    SimulatorAccount otherSeed;
    otherSeed.seed = 2;
    otherSeed.skillCount = 300;
    LivePersonSimulator other(otherSeed);
    other.setClock([] { return FixedNowMs; });
    QCOMPARE(other.shiftStatus().size(), 300);
    QVERIFY(other.shiftStatus().first() != noon.first());

    // Names stay unique even past the built-in name combinations.
    QSet<QString> names;
    for (const QJsonValue &skill : other.skills())
        names.insert(skill[QStringLiteral("name")].toString());
    QCOMPARE(names.size(), 300);
}

void TestSimulator::shiftStatusShapingFaults_data()
{
    QTest::addColumn<Fault::Kind>("kind");

    QTest::newRow("legacy skill field") << Fault::Kind::LegacySkillField;
    QTest::newRow("ids as strings") << Fault::Kind::StringIds;
    QTest::newRow("null instead of missing next fields") << Fault::Kind::NullNextFields;
}

void TestSimulator::shiftStatusShapingFaults()
{
    QFETCH(Fault::Kind, kind);

    Fault fault = Fault::ofKind(kind);
    fault.times = 1;
    m_sim->setFault(Endpoint::ShiftStatus, fault);
    const QString bearer = freshBearer();
    const QJsonArray shaped = shiftStatus(bearer).array();
    const QJsonObject alwaysOn = shaped.at(1).toObject(); // the generator's fixed 24/7 skill

    switch (kind) {
    case Fault::Kind::LegacySkillField:
        QCOMPARE(alwaysOn.value(QStringLiteral("skill")).toInteger(), 4300000001);
        QVERIFY(!alwaysOn.contains(QStringLiteral("skillId")));
        break;
    case Fault::Kind::StringIds:
        QCOMPARE(alwaysOn.value(QStringLiteral("skillId")).toString(), QStringLiteral("4300000001"));
        break;
    default:
        QVERIFY(alwaysOn.value(QStringLiteral("nextOn")).isNull());
        QVERIFY(alwaysOn.value(QStringLiteral("nextOff")).isNull());
        break;
    }

    // times = 1: the next answer is back to normal.
    QCOMPARE(shiftStatus(bearer).array(), m_sim->shiftStatus());
    QVERIFY(m_sim->faults().isEmpty());
}

void TestSimulator::shiftStatusServesAFedBodyExactly()
{
    // The B16 reproduction body from docs/failure-cases.md.
    const QByteArray b16
        = R"([{"skillId":326244912,"onShift":true,"nextOn":1535979600000,"nextOff":null},)"
          R"( {"skillId":4300000001,"onShift":false}, {"skillId":"12","onShift":true}, {"onShift":true}])";
    m_sim->setShiftStatusRawBody(b16);
    const QString bearer = freshBearer();
    QCOMPARE(shiftStatus(bearer).body, b16);

    const QJsonArray fed {
        QJsonObject {{QStringLiteral("skillId"), qint64(9007199254740993)}, {QStringLiteral("onShift"), true}}};
    m_sim->setShiftStatusBody(fed);
    const Reply reply = shiftStatus(bearer);
    QVERIFY(reply.body.contains("9007199254740993"));
    QCOMPARE(reply.array(), fed);

    m_sim->clearShiftStatusOverride();
    QCOMPARE(shiftStatus(bearer).array().size(), m_sim->account().skillCount);
}

void TestSimulator::skillsListRevisionAndNotModified()
{
    const QByteArray bearer = "Bearer " + freshBearer().toLatin1();
    const QString path = accountPath(QStringLiteral("configuration/le-users/skills?v=4.0&select=id,name,deleted"));

    const Reply full = get(path, {{"Authorization", bearer}});
    QCOMPARE(full.status, 200);
    const QByteArray revision = full.header("ac-revision");
    QVERIFY(!revision.isEmpty());
    QCOMPARE(full.array().size(), m_sim->account().skillCount);
    QCOMPARE(full.array().first()[QStringLiteral("name")].toString(), QStringLiteral("Sales"));
    QVERIFY(full.body.contains("\"id\":4300000001"));

    const Reply notModified = get(path, {{"Authorization", bearer}, {"If-Match", revision}});
    QCOMPARE(notModified.status, 304);
    QVERIFY(notModified.body.isEmpty());

    m_sim->setSkillsOverride(
        QJsonArray {QJsonObject {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("Only")}}});
    const Reply changed = get(path, {{"Authorization", bearer}, {"If-Match", revision}});
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("ac-revision") != revision);
    QCOMPARE(changed.array().size(), 1);

    QCOMPARE(get(path).status, 401);
    QCOMPARE(get(accountPath(QStringLiteral("configuration/le-users/skills")), {{"Authorization", bearer}}).status,
        400);
}

void TestSimulator::contextRoundTripIsByteExact()
{
    const QByteArray body = R"({"timestamp":"2024-05-01T12:00:00.000Z",)"
                            R"("326244912":{"skillId":326244912,"onShift":true,"nextOn":1535979600000,"nextOff":null},)"
                            R"("4300000001":{"skillId":4300000001,"onShift":false},)"
                            R"("beyond2pow53":9007199254740993,"formatted":1.50e3,"text":"caf\u00e9"})";
    const Reply patched = patchContext(QStringLiteral("shift_status"), body);
    QCOMPARE(patched.status, 204);
    QVERIFY(patched.body.isEmpty());

    const Reply read = get(contextPath(QStringLiteral("shift_status/properties")), mavenHeaders());
    QCOMPARE(read.status, 200);
    for (const QByteArray &exact : {QByteArray(R"("4300000001":{"skillId":4300000001,"onShift":false})"),
             QByteArray(R"("nextOn":1535979600000,"nextOff":null})"),
             QByteArray(R"("beyond2pow53":9007199254740993)"),
             QByteArray(R"("formatted":1.50e3)"),
             QByteArray(R"("text":"caf\u00e9")")})
        QVERIFY2(read.body.contains(exact), exact.constData());

    // The __default__ session is the same store.
    QCOMPARE(get(contextPath(QStringLiteral("shift_status/__default__/properties")), mavenHeaders()).body, read.body);

    const QJsonObject stored = m_sim->contextProperties(QStringLiteral("shift_status"));
    QCOMPARE(stored[QStringLiteral("4300000001")][QStringLiteral("skillId")].toInteger(), 4300000001);
    QCOMPARE(stored[QStringLiteral("326244912")][QStringLiteral("nextOn")].toInteger(), 1535979600000);
    QVERIFY(stored[QStringLiteral("326244912")][QStringLiteral("nextOff")].isNull());
    QCOMPARE(stored.value(QStringLiteral("text")).toString(), QStringLiteral("caf\u00e9"));
}

void TestSimulator::contextPatchMergesAndNeverDeletes()
{
    QCOMPARE(patchContext(QStringLiteral("ns1"), R"({"a":1,"b":{"x":true}})").status, 204);
    QCOMPARE(patchContext(QStringLiteral("ns1"), R"({"b":2,"c":"three"})").status, 204);

    const QJsonObject expected {{QStringLiteral("a"), 1},
        {QStringLiteral("b"), 2},
        {QStringLiteral("c"), QStringLiteral("three")}};
    QCOMPARE(m_sim->contextProperties(QStringLiteral("ns1")), expected);
    QCOMPARE(m_sim->requestCount(Endpoint::ContextWrite), 2);
    QCOMPARE(m_sim->requests(Endpoint::ContextWrite).last().header("content-type"), QByteArray("application/json"));
}

void TestSimulator::contextPropertyCalls()
{
    const QString property = contextPath(QStringLiteral("ns1/properties/%1"));
    QCOMPARE(send("PUT", property.arg(QStringLiteral("1111111111")), R"({"onShift":true})", mavenHeaders()).status,
        204);
    QCOMPARE(send("PUT", property.arg(QStringLiteral("plain")), R"("value")", mavenHeaders()).status, 204);
    QCOMPARE(send("PUT", property.arg(QStringLiteral("broken")), R"({"x":)", mavenHeaders()).status, 400);

    const Reply one = get(property.arg(QStringLiteral("1111111111")), mavenHeaders());
    QCOMPARE(one.status, 200);
    QCOMPARE(one.body, QByteArray(R"({"onShift":true})"));
    QCOMPARE(get(property.arg(QStringLiteral("missing")), mavenHeaders()).status, 404);

    const Reply filtered = get(contextPath(QStringLiteral("ns1/properties?include=plain,absent")), mavenHeaders());
    QCOMPARE(filtered.body, QByteArray(R"({"plain":"value"})"));

    QCOMPARE(send("DELETE", property.arg(QStringLiteral("plain")), {}, mavenHeaders()).status, 204);
    QCOMPARE(send("DELETE", property.arg(QStringLiteral("plain")), {}, mavenHeaders()).status, 204); // missing is fine
    QCOMPARE(m_sim->contextProperties(QStringLiteral("ns1")).keys(), QStringList {QStringLiteral("1111111111")});

    // Session properties; an unknown session reads as {}.
    QCOMPARE(send("PATCH", contextPath(QStringLiteral("ns1/s1/properties")), R"({"k":1})", mavenHeaders()).status, 204);
    QCOMPARE(get(contextPath(QStringLiteral("ns1/s1/properties/k")), mavenHeaders()).body, QByteArray("1"));
    QCOMPARE(get(contextPath(QStringLiteral("ns1/nobody/properties")), mavenHeaders()).body, QByteArray("{}"));
}

void TestSimulator::contextNamespacesAndSessions()
{
    const Headers headers = mavenHeaders();
    QCOMPARE(send("POST", contextPath(QString()), R"({"name":"created"})", headers).status, 204);
    QCOMPARE(send("POST", contextPath(QStringLiteral("?ttlSecond=60")), R"({"name":"created"})", headers).status, 204);
    const QJsonArray list = get(contextPath(QString()), headers).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first()[QStringLiteral("name")].toString(), QStringLiteral("created"));
    QCOMPARE(list.first()[QStringLiteral("ttlSecond")].toInt(), 60);

    for (int i = 0; i < 3; ++i)
        QCOMPARE(
            send("PATCH", contextPath(QStringLiteral("created/s%1/properties").arg(i)), "{\"n\":1}", headers).status,
            204);
    QCOMPARE(patchContext(QStringLiteral("created"), "{\"g\":1}").status, 204);
    QCOMPARE(get(contextPath(QStringLiteral("created/session-ids?page=0&perPage=2")), headers).body,
        QByteArray(R"(["__default__","s0"])"));
    QCOMPARE(get(contextPath(QStringLiteral("created/session-ids?page=1&perPage=2")), headers).body,
        QByteArray(R"(["s1","s2"])"));
    QCOMPARE(get(contextPath(QStringLiteral("created/session-ids?perPage=1001")), headers).status, 400);
    QVERIFY(get(contextPath(QStringLiteral("created/session-properties")), headers)
                .body.contains(R"({"sessionId":"s2","properties":{"n":1}})"));

    QCOMPARE(send("DELETE", contextPath(QStringLiteral("created")), {}, headers).status, 204);
    QVERIFY(m_sim->contextNamespaces().isEmpty());
}

void TestSimulator::contextRefuses_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("account");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    const QByteArray key = "demo-maven-key";
    const QByteArray json = "application/json";
    const QString account = QStringLiteral("90000001");
    for (const char *reserved : {"consumer", "operational", "conversation", "faas", "custom", "sde", "Conversation"}) {
        QTest::addRow("reserved namespace %s", reserved)
            << QString::fromLatin1(reserved) << key << account << json << QByteArray("{}") << 400;
    }
    QTest::newRow("wrong maven key") << QStringLiteral("ok") << QByteArray("wrong") << account << json
                                     << QByteArray("{}") << 403;
    QTest::newRow("missing maven key") << QStringLiteral("ok") << QByteArray() << account << json << QByteArray("{}")
                                       << 403;
    QTest::newRow("another account") << QStringLiteral("ok") << key << QStringLiteral("123") << json << QByteArray("{}")
                                     << 404;
    QTest::newRow("invalid namespace characters")
        << QStringLiteral("shift status") << key << account << json << QByteArray("{}") << 400;
    QTest::newRow("hyphenated namespace is accepted")
        << QStringLiteral("shift-status-api") << key << account << json << QByteArray("{}") << 204;
    QTest::newRow("patch without content type")
        << QStringLiteral("ok") << key << account << QByteArray() << QByteArray("{}") << 415;
    QTest::newRow("patch with empty body") << QStringLiteral("ok") << key << account << json << QByteArray() << 400;
    QTest::newRow("patch with an array") << QStringLiteral("ok") << key << account << json << QByteArray("[1]") << 400;
}

void TestSimulator::contextRefuses()
{
    QFETCH(QString, ns);
    QFETCH(QByteArray, key);
    QFETCH(QString, account);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    Headers headers;
    if (!key.isEmpty())
        headers.append({"maven-api-key", key});
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    const QString path
        = QStringLiteral("/v1/account/%1/%2/properties").arg(account, QString::fromLatin1(QUrl::toPercentEncoding(ns)));
    const Reply reply = send("PATCH", path, body, headers);

    QCOMPARE(reply.status, status);
    if (status >= 400)
        QVERIFY(!reply.object().value(QStringLiteral("message")).toString().isEmpty());
}

void TestSimulator::contextDocumentLimitAnswers413()
{
    m_sim->setContextDocumentLimit(100);
    QCOMPARE(patchContext(QStringLiteral("ns1"), R"({"a":"small"})").status, 204);

    const QByteArray big = "{\"b\":\"" + QByteArray(200, 'x') + "\"}";
    const Reply tooLarge = patchContext(QStringLiteral("ns1"), big);
    QCOMPARE(tooLarge.status, 413);
    QCOMPARE(tooLarge.object().value(QStringLiteral("message")).toString(), QStringLiteral("document too large"));
    QCOMPARE(m_sim->contextPropertiesJson(QStringLiteral("ns1")), QByteArray(R"({"a":"small"})"));
}

void TestSimulator::contextCasBodyFault()
{
    m_sim->setFault(Endpoint::ContextWrite, Fault::ofKind(Fault::Kind::CasBody));
    const Reply reply = patchContext(QStringLiteral("ns1"), "{\"a\":1}");
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.object().value(QStringLiteral("cas")).toString().isEmpty());
    QCOMPARE(m_sim->contextProperties(QStringLiteral("ns1")).value(QStringLiteral("a")).toInt(), 1);
}

void TestSimulator::statusFaults_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("retryAfter");

    QTest::newRow("login answers 429 with Retry-After") << Endpoint::Login << 429 << 5;
    QTest::newRow("login answers 429 without Retry-After") << Endpoint::Login << 429 << -1;
    QTest::newRow("login answers 451") << Endpoint::Login << 451 << -1;
    QTest::newRow("shift-status answers 500") << Endpoint::ShiftStatus << 500 << -1;
    QTest::newRow("shift-status answers 503") << Endpoint::ShiftStatus << 503 << 30;
    QTest::newRow("context write answers 410") << Endpoint::ContextWrite << 410 << -1;
    QTest::newRow("context write answers 413") << Endpoint::ContextWrite << 413 << -1;
    QTest::newRow("csds answers 502") << Endpoint::Csds << 502 << -1;
}

void TestSimulator::statusFaults()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(int, status);
    QFETCH(int, retryAfter);

    const QString bearer = freshBearer();
    m_sim->setFault(endpoint, Fault::withStatus(status, retryAfter));

    Reply reply;
    switch (endpoint) {
    case Endpoint::Login:
        reply = loginReply(oauth2Body());
        break;
    case Endpoint::ShiftStatus:
        reply = shiftStatus(bearer);
        break;
    case Endpoint::ContextWrite:
        reply = patchContext(QStringLiteral("ns1"), "{\"a\":1}");
        QVERIFY2(m_sim->contextNamespaces().isEmpty(), "a replaced answer must not store anything");
        break;
    default:
        reply = get(accountPath(QStringLiteral("service/baseURI.json?version=1.0")));
        break;
    }

    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Retry-After"), retryAfter >= 0 ? QByteArray::number(retryAfter) : QByteArray());
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(reply.object().contains(QStringLiteral("message")));
}

void TestSimulator::faultCountsAndClearsItself()
{
    Fault fault = Fault::withStatus(503);
    fault.times = 2;
    fault.afterUses = 1;
    m_sim->setFault(Endpoint::Login, fault);

    QList<int> statuses;
    for (int i = 0; i < 5; ++i)
        statuses.append(loginReply(oauth2Body()).status);
    QCOMPARE(statuses, QList<int>({200, 503, 503, 200, 200}));
    QVERIFY(m_sim->faults().isEmpty());
    QCOMPARE(m_sim->requestCount(Endpoint::Login), 5);
    QCOMPARE(m_sim->requests(Endpoint::Login).at(1).status, 503);
}

void TestSimulator::faultOnAnyEndpoint()
{
    m_sim->setFault(Endpoint::Any, Fault::withStatus(502));
    QCOMPARE(get(accountPath(QStringLiteral("service/baseURI.json?version=1.0"))).status, 502);
    QCOMPARE(loginReply(oauth2Body()).status, 502);
    QCOMPARE(patchContext(QStringLiteral("ns1"), "{}").status, 502);

    m_sim->clearFaults();
    QCOMPARE(loginReply(oauth2Body()).status, 200);
}

void TestSimulator::bodyFaults_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bodyStart");
    QTest::addColumn<bool>("parsesAsArray");

    Fault html = Fault::ofKind(Fault::Kind::HtmlPage);
    QTest::newRow("nginx 502 page") << html << 502 << QByteArray("text/html") << QByteArray("<html>") << false;
    html.status = 200;
    QTest::newRow("captive portal page with 200")
        << html << 200 << QByteArray("text/html") << QByteArray("<!DOCTYPE html>") << false;
    QTest::newRow("empty json body") << Fault::ofKind(Fault::Kind::EmptyBody) << 200 << QByteArray("application/json")
                                     << QByteArray() << false;
    QTest::newRow("truncated json") << Fault::ofKind(Fault::Kind::TruncatedJson) << 200
                                    << QByteArray("application/json") << QByteArray("[{") << false;
    QTest::newRow("object where an array belongs")
        << Fault::ofKind(Fault::Kind::WrongType) << 200 << QByteArray("application/json") << QByteArray("{\"error\"")
        << false;
    Fault custom = Fault::withStatus(401);
    custom.body = "oauth_problem=signature_invalid";
    custom.contentType = "text/plain";
    QTest::newRow("custom status body and type")
        << custom << 401 << QByteArray("text/plain") << QByteArray("oauth_problem=signature_invalid") << false;
}

void TestSimulator::bodyFaults()
{
    QFETCH(Fault, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bodyStart);
    QFETCH(bool, parsesAsArray);

    const QString bearer = freshBearer();
    m_sim->setFault(Endpoint::ShiftStatus, fault);
    const Reply reply = shiftStatus(bearer);

    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Content-Type"), contentType);
    QVERIFY2(reply.body.startsWith(bodyStart), reply.body.left(80).constData());
    QCOMPARE(bodyStart.isEmpty(), reply.body.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(reply.body).isArray(), parsesAsArray);
}

void TestSimulator::resetFaultDropsTheConnection()
{
    m_sim->setFault(Endpoint::Login, Fault::ofKind(Fault::Kind::Reset));
    const Reply reply = loginReply(oauth2Body());

    QCOMPARE(reply.status, 0);
    QVERIFY2(reply.error == QNetworkReply::RemoteHostClosedError
            || reply.error == QNetworkReply::ConnectionRefusedError,
        qPrintable(QString::number(reply.error)));
    // QNAM resends once when a connection drops before any answer, so 1 or 2 attempts arrive.
    QVERIFY(m_sim->requestCount(Endpoint::Login) >= 1);
    QCOMPARE(m_sim->activeSessionCount(), 0);
}

void TestSimulator::stallIsOnlyEndedByATransferTimeout()
{
    const QString bearer = freshBearer();
    m_sim->setFault(Endpoint::ShiftStatus, Fault::ofKind(Fault::Kind::Stall));
    QSignalSpy received(m_sim.get(), &LivePersonSimulator::requestReceived);

    const Reply reply = send("GET",
        accountPath(QStringLiteral("shift-status")),
        {},
        {{"Authorization", "Bearer " + bearer.toLatin1()}},
        400);
    QCOMPARE(received.size(), 1);
    QCOMPARE(reply.error, QNetworkReply::OperationCanceledError); // what a transfer timeout looks like in Qt 6.4
    QCOMPARE(reply.status, 0);
    // Only the timeout ended it (a coarse timer: up to 5 % early); an answer takes ~1 ms.
    QVERIFY2(reply.elapsedMs >= 350, qPrintable(QString::number(reply.elapsedMs)));
    QCOMPARE(m_sim->requests(Endpoint::ShiftStatus).first().status, 0);
}

void TestSimulator::stallMidBodySendsHalfTheBody()
{
    const QString bearer = freshBearer();
    m_sim->setFault(Endpoint::ShiftStatus, Fault::ofKind(Fault::Kind::StallMidBody));
    const Reply reply = send("GET",
        accountPath(QStringLiteral("shift-status")),
        {},
        {{"Authorization", "Bearer " + bearer.toLatin1()}},
        400);

    QCOMPARE(reply.error, QNetworkReply::OperationCanceledError);
    QCOMPARE(reply.status, 200); // the headers arrived
    QVERIFY(reply.header("Content-Length").toLongLong() > reply.body.size());
}

void TestSimulator::delayFaultAnswersLate()
{
    Fault fault = Fault::ofKind(Fault::Kind::Delay);
    fault.delayMs = 300;
    m_sim->setFault(Endpoint::Csds, fault);

    const Reply reply = get(accountPath(QStringLiteral("service/baseURI.json?version=1.0")));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.elapsedMs >= 290);
    QVERIFY(reply.object().value(QStringLiteral("baseURIs")).toArray().size() == 5);
}

void TestSimulator::bearerStopsWorkingAfterUses()
{
    Fault fault = Fault::ofKind(Fault::Kind::UnauthorizedAfterUses);
    fault.afterUses = 2;
    m_sim->setFault(Endpoint::ShiftStatus, fault);

    const QString first = freshBearer();
    QCOMPARE(shiftStatus(first).status, 200);
    QCOMPARE(shiftStatus(first).status, 200);
    const Reply expired = shiftStatus(first);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.object(), QJsonObject({{QStringLiteral("error"), QStringLiteral("token expired")}}));
    QCOMPARE(shiftStatus(first).status, 401);

    // A fresh login works again, afterUses more times.
    const QString second = freshBearer();
    QCOMPARE(shiftStatus(second).status, 200);
    QCOMPARE(shiftStatus(second).status, 200);
    QCOMPARE(shiftStatus(second).status, 401);
}

void TestSimulator::controlApiSetsFaultsAndReportsState()
{
    const QByteArray fault = R"({"endpoint":"login","kind":"status","status":503,"times":1,"retryAfter":2})";
    const Reply set = send("POST", QStringLiteral("/_sim/fault"), fault, {{"Content-Type", "application/json"}});
    QCOMPARE(set.status, 200);
    QCOMPARE(set.object()[QStringLiteral("faults")].toArray().size(), 1);

    const Reply failed = loginReply(oauth2Body());
    QCOMPARE(failed.status, 503);
    QCOMPARE(failed.header("Retry-After"), QByteArray("2"));
    QCOMPARE(loginReply(oauth2Body()).status, 200);

    const QJsonObject state = get(QStringLiteral("/_sim/state")).object();
    QCOMPARE(state[QStringLiteral("requestCounts")][QStringLiteral("login")].toInt(), 2);
    QCOMPARE(state[QStringLiteral("activeSessions")].toInt(), 1);
    QVERIFY(state[QStringLiteral("faults")].toArray().isEmpty());
    QCOMPARE(m_sim->requestCount(Endpoint::Any), 2); // control calls are not recorded

    QCOMPARE(send("POST", QStringLiteral("/_sim/fault"), R"({"endpoint":"nowhere","kind":"stall"})").status, 400);
    QCOMPARE(send("POST", QStringLiteral("/_sim/fault"), R"({"endpoint":"login","kind":"explode"})").status, 400);
}

void TestSimulator::controlApiFeedsShiftStatusAndClears()
{
    const QByteArray body = R"([{"skillId":4300000001,"onShift":false}])";
    QCOMPARE(send("POST", QStringLiteral("/_sim/shift-status"), body).status, 200);
    QCOMPARE(send("POST", QStringLiteral("/_sim/fault"), R"({"endpoint":"any","kind":"status","status":500})").status,
        200);
    QCOMPARE(send("POST", QStringLiteral("/_sim/clear"), "{}").status, 200);
    QVERIFY(m_sim->faults().isEmpty());
    QCOMPARE(shiftStatus(freshBearer()).array().size(), m_sim->account().skillCount); // the override went too

    QCOMPARE(send("POST", QStringLiteral("/_sim/shift-status"), body).status, 200);
    QCOMPARE(shiftStatus(freshBearer()).body, body);
    QCOMPARE(send("POST", QStringLiteral("/_sim/expire-sessions")).status, 200);
    QCOMPARE(m_sim->activeSessionCount(), 0);

    QCOMPARE(send("POST", QStringLiteral("/_sim/clear"), R"({"requests":true})").status, 200);
    QCOMPARE(m_sim->requestCount(Endpoint::Any), 0);
}

void TestSimulator::controlApiAndLogRedactSecrets()
{
    QStringList log;
    capturedLog = &log;
    const auto stopCapture = qScopeGuard([] { capturedLog = nullptr; });

    const QJsonObject login = loginReply(oauth2Body()).object();
    const QString bearer = login.value(QStringLiteral("bearer")).toString();
    const QString csrf = login.value(QStringLiteral("csrf")).toString();
    QCOMPARE(shiftStatus(bearer).status, 200);
    QCOMPARE(patchContext(QStringLiteral("ns1"), "{\"a\":1}").status, 204);
    QCOMPARE(send("POST",
                 accountPath(QStringLiteral("logout?access_token=query-secret-1")),
                 QJsonDocument(QJsonObject {{QStringLiteral("csrf"), csrf}}).toJson(),
                 {{"Cookie", "Session_id=" + login.value(QStringLiteral("sessionId")).toString().toLatin1()}})
                 .status,
        200);

    const QByteArray requests = get(QStringLiteral("/_sim/requests")).body;
    QCOMPARE(QJsonDocument::fromJson(requests).array().size(), 4);
    QVERIFY(requests.contains("[redacted]"));

    const SimulatorAccount &account = m_sim->account();
    const QByteArray everything = requests + log.join(QLatin1Char('\n')).toUtf8();
    for (const QString &secret :
        {bearer, csrf, account.clientSecret, account.clientId, account.mavenApiKey, QStringLiteral("query-secret-1")})
        QVERIFY2(!everything.contains(secret.toUtf8()), qPrintable(secret));

    QCOMPARE(log.size(), 5); // one line per request, the control call included
    QVERIFY2(log.first().contains(
                 QRegularExpression(QStringLiteral("^POST /api/account/90000001/login\\?v=1.3 200 \\d+ms$"))),
        qPrintable(log.first()));
}

void TestSimulator::executableServesAndStopsOnSigterm()
{
    const QString binary = simulatorBinary();
    if (binary.isEmpty())
        QSKIP("shiftsync-simulator is not built next to the tests");

    QTemporaryDir dir;
    const QString portFile = dir.filePath(QStringLiteral("port"));
    QProcess process;
    process.start(binary,
        {QStringLiteral("--port-file"),
            portFile,
            QStringLiteral("--skills"),
            QStringLiteral("5"),
            QStringLiteral("--fault"),
            QStringLiteral("login:status:429,retry-after=5,times=1")});
    QVERIFY(process.waitForStarted(5000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);

    const QByteArray line = process.readLine().trimmed();
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("^listening on http://127.0.0.1:(\\d+)$")).match(QString::fromLatin1(line));
    QVERIFY2(match.hasMatch(), line.constData());
    QFile port(portFile);
    QVERIFY(port.open(QIODevice::ReadOnly));
    QCOMPARE(port.readAll().trimmed(), match.captured(1).toLatin1());

    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/api/account/90000001/login?v=1.3").arg(match.captured(1))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_nam->post(request, QJsonDocument(oauth2Body()).toJson());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("5"));
    reply->deleteLater();

    process.terminate();
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardError().contains("POST /api/account/90000001/login?v=1.3 429"));
}

void TestSimulator::executableRefusesNonLoopbackBind()
{
    const QString binary = simulatorBinary();
    if (binary.isEmpty())
        QSKIP("shiftsync-simulator is not built next to the tests");

    QProcess process;
    process.start(binary, {QStringLiteral("--bind"), QStringLiteral("0.0.0.0")});
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("loopback"));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
