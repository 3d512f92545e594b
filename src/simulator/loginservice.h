#pragma once

#include "loginsessions.h"
#include "simresponse.h"
#include "simulatoraccount.h"

#include <QJsonObject>

#include <optional>

class CsdsDirectory;
class SimRequest;

// The Login Service API (agentVep host): login in both credential forms, refresh and logout
// with the Session_id cookie and csrf, and the bearer check every data endpoint goes through.
class LoginService
{
public:
    LoginService(const SimulatorAccount &account, const CsdsDirectory &csds);

    void setClock(std::function<qint64()> nowMs);

    SimResponse login(SimRequest &request);
    SimResponse refresh(SimRequest &request);
    SimResponse logout(SimRequest &request);

    // Checks the request's bearer for a data call. Returns the 401 answer when the bearer is
    // missing, unknown or expired, or when an UnauthorizedAfterUses fault retires it;
    // otherwise counts the use and returns nothing.
    std::optional<SimResponse> authorize(SimRequest &request);

    LoginSessions &sessions() { return m_sessions; }

private:
    // Why a login body is refused: empty when it is acceptable.
    std::optional<SimResponse> checkLoginBody(const QJsonObject &body) const;
    bool credentialsMatch(const QJsonObject &body) const;
    QJsonObject loginBody(const LoginSessions::Session &session, SimRequest &request) const;
    std::optional<SimResponse> checkSessionCall(SimRequest &request, LoginSessions::Session **session);

    const SimulatorAccount &m_account;
    const CsdsDirectory &m_csds;
    LoginSessions m_sessions;
    std::function<qint64()> m_now;
};
