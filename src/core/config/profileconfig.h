#pragma once

#include "credentials/credentials.h"

#include <QString>
#include <QStringList>
#include <QUrl>

// Everything non-secret that one account profile needs for a cycle. Persisted in QSettings
// by ProfileSettings; command-line options override it for one run. Secrets never live here.
struct ProfileConfig
{
    QString profile = QStringLiteral("default");
    QString accountId;
    LoginForm loginForm = LoginForm::OAuth2ClientCredentials;

    // The reference FaaS job's namespace, which existing bots already read.
    QString contextNamespace = QStringLiteral("shift-status-api");
    int intervalSeconds = 15 * 60;
    int requestTimeoutSeconds = 30;

    // Where the Domain API lives, and optional per-service overrides (full base URLs).
    QUrl csdsUrl = QUrl(QStringLiteral("https://api.liveperson.net"));
    QUrl loginUrl;
    QUrl shiftStatusUrl;
    QUrl contextUrl;
    QUrl skillsUrl;

    // Context store region (z1, z2, z3); empty means "guess from the CSDS hosts".
    QString region;

    // The Domain API service names to try for the shift status host, in order. LivePerson's
    // current page says `shiftstatus`, older pages and the sample say `asyncMessagingEnt`.
    QStringList shiftStatusServices {QStringLiteral("shiftstatus"), QStringLiteral("asyncMessagingEnt")};

    // Older Shift Status docs call the id field `skill`. When set, an entry without `skillId`
    // is keyed by `skill` instead of being skipped.
    bool acceptLegacySkillField = true;

    // An empty shift-status array is suspicious (B13): it is written only when allowed.
    bool allowEmptyShiftStatus = false;

    // Delete store keys of skills that disappeared from shift status (one DELETE each)
    // instead of only reporting them. Off by default: the reference job never deletes.
    bool pruneVanishedSkills = false;

    // Qt 6 enables HTTP/2 by default; middleboxes mishandle it often enough (B10) that it is
    // opt-in here.
    bool http2Allowed = false;

    // Problems that make a cycle impossible ("account id is empty"); empty when usable.
    QStringList validate() const;

    // Warnings that do not block ("namespace contains '-'...").
    QStringList warnings() const;

    // True when every configured endpoint is on this machine, which is the only case where
    // intervals under a minute are accepted (the simulator, tests).
    bool allEndpointsLoopback() const;
};
