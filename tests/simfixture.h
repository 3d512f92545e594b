#pragma once

// What every test against the LivePerson simulator needs: the simulator listening on a free
// loopback port, one QNetworkAccessManager with the product's HttpService on top, a
// ManualClock that both sides read (so session expiry and cache ages move only when a test
// says so), and the profile and credentials that match the simulator's demo account.
// Nothing here is mocked: every request is real HTTP over 127.0.0.1.

#include "config/profileconfig.h"
#include "credentials/credentials.h"
#include "livepersonsimulator.h"
#include "net/httpservice.h"
#include "util/clock.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>

class SimFixture
{
public:
    SimFixture()
        : clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC))
    {
        simulator.setClock([this] { return clock.nowUtc().toMSecsSinceEpoch(); });
    }

    // False when no loopback port could be bound.
    bool start() { return simulator.start(QHostAddress::LocalHost, 0) != 0; }

    QUrl baseUrl() const { return simulator.baseUrl(); }
    // As errors name it: "127.0.0.1:PORT", since local servers differ only by port.
    QString host() const { return QStringLiteral("%1:%2").arg(simulator.baseUrl().host()).arg(simulator.port()); }
    const SimulatorAccount &account() const { return simulator.account(); }

    // A profile whose every endpoint is the simulator, so sub-minute intervals are allowed.
    ProfileConfig config() const
    {
        ProfileConfig config;
        config.profile = QStringLiteral("simulator");
        config.accountId = account().accountId;
        config.csdsUrl = baseUrl();
        config.contextUrl = baseUrl();
        config.intervalSeconds = IntervalSeconds;
        config.requestTimeoutSeconds = 1;
        return config;
    }

    // The demo bot in either login form, with the demo context-store key.
    Credentials credentials(LoginForm form = LoginForm::OAuth2ClientCredentials) const
    {
        Credentials credentials;
        credentials.form = form;
        credentials.username = account().username;
        credentials.mavenApiKey = account().mavenApiKey;
        if (form == LoginForm::OAuth2ClientCredentials) {
            credentials.appKey = account().clientId;
            credentials.secret = account().clientSecret;
        } else {
            credentials.appKey = account().legacyAppKey;
            credentials.secret = account().legacySecret;
            credentials.accessToken = account().legacyAccessToken;
            credentials.accessTokenSecret = account().legacyAccessTokenSecret;
        }
        return credentials;
    }

    // Live QNetworkReply objects: replies are children of the manager until deleted.
    qsizetype liveReplies() const { return nam.findChildren<QNetworkReply *>().size(); }

    static constexpr int IntervalSeconds = 50;
    static constexpr qint64 IntervalMs = qint64(IntervalSeconds) * 1000;

    // Declared first so that it outlives everything that reads it.
    ManualClock clock;
    LivePersonSimulator simulator;
    QNetworkAccessManager nam;
    HttpService http {&nam};
};
