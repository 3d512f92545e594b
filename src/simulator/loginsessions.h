#pragma once

#include <QHash>
#include <QString>

#include <functional>

// The Login Service's sessions: one per successful login, found by bearer (data calls) or by
// session id (refresh/logout). A session expires sessionTtl after the login or the last
// refresh, measured on the simulator's clock.
class LoginSessions
{
public:
    struct Session
    {
        QString bearer; // 64 hex characters, like LivePerson's
        QString csrf;
        QString sessionId;
        qint64 expiresAtMs = 0;
        int uses = 0; // authorised data calls made with the bearer
    };

    explicit LoginSessions(qint64 ttlMs);

    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }
    qint64 ttlMs() const { return m_ttlMs; }

    Session create();

    // The live session for the bearer / session id; nullptr when unknown or expired (an
    // expired session is dropped on the way).
    Session *byBearer(const QString &bearer);
    Session *bySessionId(const QString &sessionId);

    void extend(Session *session);
    void remove(const QString &bearer);
    void expireAll() { m_sessions.clear(); }
    int activeCount();

private:
    Session *live(QHash<QString, Session>::iterator it);

    qint64 m_ttlMs;
    std::function<qint64()> m_now;
    QHash<QString, Session> m_sessions; // by bearer
};
