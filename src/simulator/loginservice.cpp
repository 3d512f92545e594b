#include "loginservice.h"

#include "csdsdirectory.h"
#include "simrequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

// internalCode values as LivePerson's Login Service uses them in its error envelope.
constexpr int BadRequestCode = 3;
constexpr int InvalidAccountCode = 6;
constexpr int UnauthorizedCode = 10;

const QStringList &applicationLoginFields()
{
    static const QStringList fields {
        QStringLiteral("username"),
        QStringLiteral("appKey"),
        QStringLiteral("secret"),
        QStringLiteral("accessToken"),
        QStringLiteral("accessTokenSecret"),
    };
    return fields;
}

QString stringField(const QJsonObject &body, const char *name)
{
    return body.value(QLatin1String(name)).toString();
}

QJsonObject agentGroups()
{
    const QJsonObject mainGroup {{QStringLiteral("id"), -1},
        {QStringLiteral("deleted"), false},
        {QStringLiteral("name"), QStringLiteral("Main Group")}};
    const QJsonObject groups {{QStringLiteral("items"), QJsonArray {mainGroup}}, {QStringLiteral("revision"), 1}};
    return QJsonObject {{QStringLiteral("agentGroupsData"), groups}};
}

} // namespace

LoginService::LoginService(const SimulatorAccount &account, const CsdsDirectory &csds)
    : m_account(account)
    , m_csds(csds)
    , m_sessions(account.sessionTtlMs)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{ }

void LoginService::setClock(std::function<qint64()> nowMs)
{
    m_now = nowMs;
    m_sessions.setClock(std::move(nowMs));
}

SimResponse LoginService::login(SimRequest &request)
{
    if (!request.hasQuery(QStringLiteral("v")))
        return SimResponse::loginError(400, QStringLiteral("Missing mandatory query parameter: v"), BadRequestCode);
    if (request.segment(2) != m_account.accountId)
        return SimResponse::loginError(401, QStringLiteral("Invalid site"), InvalidAccountCode);

    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return SimResponse::loginError(400, QStringLiteral("Malformed JSON body"), BadRequestCode);
    if (std::optional<SimResponse> refused = checkLoginBody(document.object()))
        return *refused;

    const LoginSessions::Session session = m_sessions.create();
    SimResponse response = SimResponse::json(200, loginBody(session, request));
    response.addHeader("Set-Cookie", "Session_id=" + session.sessionId.toLatin1() + "; Path=/; HttpOnly");
    return response;
}

SimResponse LoginService::refresh(SimRequest &request)
{
    LoginSessions::Session *session = nullptr;
    if (std::optional<SimResponse> refused = checkSessionCall(request, &session))
        return *refused;

    m_sessions.extend(session);
    return SimResponse::empty(200);
}

SimResponse LoginService::logout(SimRequest &request)
{
    LoginSessions::Session *session = nullptr;
    if (std::optional<SimResponse> refused = checkSessionCall(request, &session))
        return *refused;

    m_sessions.remove(session->bearer);
    return SimResponse::empty(200);
}

std::optional<SimResponse> LoginService::authorize(SimRequest &request)
{
    const QString bearer = request.bearer();
    LoginSessions::Session *session = bearer.isEmpty() ? nullptr : m_sessions.byBearer(bearer);
    if (!session)
        return SimResponse::loginError(401,
            QStringLiteral("Authentication failed: missing, unknown or expired bearer"),
            UnauthorizedCode);

    const Fault *expiry = request.faults().peek(Fault::Kind::UnauthorizedAfterUses);
    if (expiry && session->uses >= expiry->afterUses) {
        request.faults().take(Fault::Kind::UnauthorizedAfterUses);
        m_sessions.remove(bearer);
        return SimResponse::json(401, QJsonObject {{QStringLiteral("error"), QStringLiteral("token expired")}});
    }

    ++session->uses;
    return std::nullopt;
}

std::optional<SimResponse> LoginService::checkLoginBody(const QJsonObject &body) const
{
    // The user form {username, password} and the application form with five fields.
    const bool userForm = body.contains(QLatin1String("password"));
    const QStringList required
        = userForm ? QStringList {QStringLiteral("username"), QStringLiteral("password")} : applicationLoginFields();
    for (const QString &field : required) {
        if (!body.value(field).isString())
            return SimResponse::loginError(400,
                QStringLiteral("Missing or invalid field: %1").arg(field),
                BadRequestCode);
    }

    if (!credentialsMatch(body))
        return SimResponse::loginError(401, QStringLiteral("Invalid site, agent, or credentials"), UnauthorizedCode);
    return std::nullopt;
}

bool LoginService::credentialsMatch(const QJsonObject &body) const
{
    if (stringField(body, "username") != m_account.username)
        return false;
    if (body.contains(QLatin1String("password")))
        return stringField(body, "password") == m_account.password;

    const QString appKey = stringField(body, "appKey");
    const QString secret = stringField(body, "secret");
    const QString accessToken = stringField(body, "accessToken");
    const QString accessTokenSecret = stringField(body, "accessTokenSecret");

    // OAuth 2.0 client credentials: the token fields only have to be non-empty placeholders.
    const bool oauth2 = appKey == m_account.clientId && secret == m_account.clientSecret && !accessToken.isEmpty()
        && !accessTokenSecret.isEmpty();
    const bool legacy = appKey == m_account.legacyAppKey && secret == m_account.legacySecret
        && accessToken == m_account.legacyAccessToken && accessTokenSecret == m_account.legacyAccessTokenSecret;
    return oauth2 || legacy;
}

QJsonObject LoginService::loginBody(const LoginSessions::Session &session, SimRequest &request) const
{
    const QJsonObject config {
        {QStringLiteral("loginName"), m_account.username},
        {QStringLiteral("userId"), QStringLiteral("5550001")},
        {QStringLiteral("userPid"), QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001")},
        {QStringLiteral("userPrivileges"), QJsonArray {100, 101}},
        {QStringLiteral("serverCurrentTime"), m_now()},
        {QStringLiteral("timeDiff"), 0},
        {QStringLiteral("serverTimeZoneName"), QStringLiteral("UTC")},
        {QStringLiteral("serverTimeGMTDiff"), 0},
        {QStringLiteral("isLPA"), false},
        {QStringLiteral("isAdmin"), false},
        {QStringLiteral("accountTimeZoneId"), QStringLiteral("UTC")},
    };

    QJsonObject body {
        {QStringLiteral("csrf"), session.csrf},
        {QStringLiteral("wsuk"), QString::number(1000000000000 + session.expiresAtMs % 1000000000000)},
        {QStringLiteral("config"), config},
        {QStringLiteral("csdsCollectionResponse"), m_csds.list(m_account.accountId)},
        {QStringLiteral("accountData"), agentGroups()},
        {QStringLiteral("sessionTTl"), QString::number(m_sessions.ttlMs())},
        {QStringLiteral("sessionId"), session.sessionId},
        {QStringLiteral("bearer"), session.bearer},
    };

    if (request.faults().take(Fault::Kind::NoBearer))
        body.remove(QStringLiteral("bearer"));
    else if (request.faults().take(Fault::Kind::NullBearer))
        body.insert(QStringLiteral("bearer"), QJsonValue::Null);
    return body;
}

std::optional<SimResponse> LoginService::checkSessionCall(SimRequest &request, LoginSessions::Session **session)
{
    if (request.segment(2) != m_account.accountId)
        return SimResponse::loginError(401, QStringLiteral("Invalid site"), InvalidAccountCode);

    *session = m_sessions.bySessionId(request.cookie(QStringLiteral("Session_id")));
    if (!*session)
        return SimResponse::loginError(401, QStringLiteral("Session not found or expired"), UnauthorizedCode);

    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    if (body.value(QLatin1String("csrf")).toString() != (*session)->csrf)
        return SimResponse::loginError(401, QStringLiteral("Invalid csrf"), UnauthorizedCode);
    return std::nullopt;
}
