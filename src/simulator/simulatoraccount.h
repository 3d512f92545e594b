#pragma once

#include <QString>
#include <QtGlobal>

// The one LivePerson account the simulator pretends to host. The defaults are the documented
// demo credentials (src/simulator/README.md), so the demo and CI need no configuration.
struct SimulatorAccount
{
    QString accountId = QStringLiteral("90000001");
    QString username = QStringLiteral("shift-bot");
    QString password = QStringLiteral("demo-password"); // user login form {username, password}

    // OAuth 2.0 client credentials: the login body's appKey / secret. The two access-token
    // fields then take any non-empty placeholder.
    QString clientId = QStringLiteral("demo-client-id");
    QString clientSecret = QStringLiteral("demo-client-secret");

    // The legacy OAuth 1.0 API key: all four values must match.
    QString legacyAppKey = QStringLiteral("demo-app-key");
    QString legacySecret = QStringLiteral("demo-app-secret");
    QString legacyAccessToken = QStringLiteral("demo-access-token");
    QString legacyAccessTokenSecret = QStringLiteral("demo-access-token-secret");

    QString mavenApiKey = QStringLiteral("demo-maven-key"); // CCS v1 maven-api-key header

    int skillCount = 40;
    quint32 seed = 1; // the generated skills depend on the seed only (and the clock for on/off)
    qint64 sessionTtlMs = qint64(8) * 60 * 60 * 1000;
};
