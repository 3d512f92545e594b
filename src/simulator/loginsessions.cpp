#include "loginsessions.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace {

QString randomHex(int length)
{
    static const char digits[] = "0123456789abcdef";
    QString hex;
    hex.reserve(length);
    for (int i = 0; i < length; ++i)
        hex += QLatin1Char(digits[QRandomGenerator::global()->bounded(16)]);
    return hex;
}

} // namespace

LoginSessions::LoginSessions(qint64 ttlMs)
    : m_ttlMs(ttlMs)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{ }

LoginSessions::Session LoginSessions::create()
{
    Session session;
    session.bearer = randomHex(64);
    session.csrf = randomHex(32);
    session.sessionId = QStringLiteral("SIM-%1").arg(randomHex(16).toUpper());
    session.expiresAtMs = m_now() + m_ttlMs;
    m_sessions.insert(session.bearer, session);
    return session;
}

LoginSessions::Session *LoginSessions::byBearer(const QString &bearer)
{
    return live(m_sessions.find(bearer));
}

LoginSessions::Session *LoginSessions::bySessionId(const QString &sessionId)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->sessionId == sessionId)
            return live(it);
    }
    return nullptr;
}

void LoginSessions::extend(Session *session)
{
    session->expiresAtMs = m_now() + m_ttlMs;
}

void LoginSessions::remove(const QString &bearer)
{
    m_sessions.remove(bearer);
}

int LoginSessions::activeCount()
{
    const qint64 now = m_now();
    m_sessions.removeIf([now](const auto &it) { return it.value().expiresAtMs <= now; });
    return int(m_sessions.size());
}

LoginSessions::Session *LoginSessions::live(QHash<QString, Session>::iterator it)
{
    if (it == m_sessions.end())
        return nullptr;
    if (it->expiresAtMs <= m_now()) {
        m_sessions.erase(it);
        return nullptr;
    }
    return &it.value();
}
