#pragma once

#include "simresponse.h"
#include "simulatedaccount.h"
#include "simulatoraccount.h"

#include <QByteArray>
#include <QJsonArray>

#include <functional>
#include <optional>

class LoginService;
class SimRequest;

// The two bearer-protected reads: GET /api/account/{acct}/shift-status (the generated
// schedules, or an exact body a test fed in) and GET .../configuration/le-users/skills
// (names, ac-revision header, 304 on a matching If-Match).
class SkillService
{
public:
    SkillService(const SimulatorAccount &account, LoginService &login);

    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }

    SimResponse shiftStatus(SimRequest &request);
    SimResponse skills(SimRequest &request);

    const SimulatedAccount &generated() const { return m_generated; }

    // What the next shift-status call returns (without content-shaping faults).
    QByteArray shiftStatusBody() const;

    void setShiftStatusOverride(const QByteArray &rawBody) { m_shiftStatusOverride = rawBody; }
    void clearShiftStatusOverride() { m_shiftStatusOverride.reset(); }
    bool hasShiftStatusOverride() const { return m_shiftStatusOverride.has_value(); }

    QJsonArray skillList() const;
    void setSkillsOverride(const QJsonArray &skills);
    void clearSkillsOverride();
    QByteArray skillsRevision() const { return QByteArray::number(m_skillsRevision); }

private:
    std::optional<SimResponse> checkAccount(const SimRequest &request) const;

    const SimulatorAccount &m_account;
    LoginService &m_login;
    SimulatedAccount m_generated;
    std::function<qint64()> m_now;
    std::optional<QByteArray> m_shiftStatusOverride;
    std::optional<QJsonArray> m_skillsOverride;
    int m_skillsRevision = 1;
};
