#include "skillservice.h"

#include "loginservice.h"
#include "simrequest.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

constexpr int InvalidAccountCode = 6;

} // namespace

SkillService::SkillService(const SimulatorAccount &account, LoginService &login)
    : m_account(account)
    , m_login(login)
    , m_generated(account.skillCount, account.seed)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{ }

SimResponse SkillService::shiftStatus(SimRequest &request)
{
    if (std::optional<SimResponse> refused = checkAccount(request))
        return *refused;
    if (std::optional<SimResponse> refused = m_login.authorize(request))
        return *refused;

    // A body fed in by a test is sent exactly as given; the shaping faults leave it alone.
    if (m_shiftStatusOverride)
        return SimResponse::rawJson(200, *m_shiftStatusOverride);

    SimulatedAccount::ShiftStatusShape shape;
    shape.legacySkillField = request.faults().take(Fault::Kind::LegacySkillField) != nullptr;
    shape.stringIds = request.faults().take(Fault::Kind::StringIds) != nullptr;
    shape.nullNextFields = request.faults().take(Fault::Kind::NullNextFields) != nullptr;
    return SimResponse::json(200, m_generated.shiftStatus(m_now(), shape));
}

SimResponse SkillService::skills(SimRequest &request)
{
    if (!request.hasQuery(QStringLiteral("v")))
        return SimResponse::loginError(400, QStringLiteral("Missing mandatory query parameter: v"), 3);
    if (std::optional<SimResponse> refused = checkAccount(request))
        return *refused;
    if (std::optional<SimResponse> refused = m_login.authorize(request))
        return *refused;

    SimResponse response = SimResponse::empty(304);
    response.addHeader("ac-revision", skillsRevision());
    if (request.header("if-match") == skillsRevision())
        return response;

    const QStringList select = request.queryValue(QStringLiteral("select")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const bool includeDeleted = request.queryValue(QStringLiteral("include_deleted")) == QLatin1String("true");
    QJsonArray list;
    if (m_skillsOverride) {
        list = *m_skillsOverride;
    } else {
        const bool stringIds = request.faults().take(Fault::Kind::StringIds) != nullptr;
        list = m_generated.skillList(select, includeDeleted, stringIds);
    }

    SimResponse full = SimResponse::json(200, list);
    full.headers = response.headers;
    return full;
}

QByteArray SkillService::shiftStatusBody() const
{
    if (m_shiftStatusOverride)
        return *m_shiftStatusOverride;
    return QJsonDocument(m_generated.shiftStatus(m_now(), {})).toJson(QJsonDocument::Compact);
}

QJsonArray SkillService::skillList() const
{
    return m_skillsOverride ? *m_skillsOverride : m_generated.skillList({}, false, false);
}

void SkillService::setSkillsOverride(const QJsonArray &skills)
{
    m_skillsOverride = skills;
    ++m_skillsRevision;
}

void SkillService::clearSkillsOverride()
{
    if (!m_skillsOverride)
        return;
    m_skillsOverride.reset();
    ++m_skillsRevision;
}

std::optional<SimResponse> SkillService::checkAccount(const SimRequest &request) const
{
    // What LivePerson answers when a bearer call reaches the wrong account or regional host.
    if (request.segment(2) != m_account.accountId)
        return SimResponse::loginError(401, QStringLiteral("Invalid Account id"), InvalidAccountCode);
    return std::nullopt;
}
