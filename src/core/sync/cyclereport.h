#pragma once

#include "net/apierror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

// How long one step of a cycle took.
struct StepDuration
{
    SyncStep step = SyncStep::None;
    qint64 ms = 0;
};

// What one cycle did: the engine publishes it after every cycle, the headless mode prints it
// (one JSON line per cycle with --json), the desktop shows it.
struct CycleReport
{
    bool ok = false;
    ApiError error; // set when !ok
    QDateTime startedAt;
    QDateTime finishedAt;
    QString timestamp; // the "timestamp" value written to the store, when written
    QString contextNamespace;
    int skills = 0;
    int onShift = 0;
    int skipped = 0;
    quint64 requests = 0; // HTTP requests made during the cycle
    bool loggedIn = false; // whether this cycle had to log in
    QList<StepDuration> steps;
    QStringList vanished; // skill keys written before that the last fetch no longer lists
    QStringList warnings;

    qint64 durationMs() const { return startedAt.msecsTo(finishedAt); }
    qint64 stepMs(SyncStep step) const;

    // {"ok":true,"skills":40,"onShift":12,"requests":2,"loggedIn":false,"durationMs":31,...}
    QJsonObject toJson() const;
};

Q_DECLARE_METATYPE(CycleReport)
