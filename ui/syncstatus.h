#pragma once

#include "icons.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

class SyncEngine;
enum class SyncStep;

// Where the desktop stands with the profile's credentials. Syncing needs Ready; the other
// states explain why it does not run (B01-B03).
enum class CredentialsState {
    Loading, // the keychain read is running: "waiting for the keychain..."
    Ready, // complete credentials are in the engine
    Missing, // not found or incomplete: the operator has to enter them
    Unavailable, // locked, no service, timed out or failed: a Retry may help
};

// What the desktop tells about syncing at one moment, worked out in one place from the engine
// and the credentials state, so that the status panel and the tray icon and tooltip never
// disagree. A value: recompute it when something changes or time passes.
struct SyncStatus
{
    struct Inputs
    {
        CredentialsState credentials = CredentialsState::Loading;
        QString credentialsMessage; // what the keychain said, for Missing and Unavailable
        bool paused = false; // the operator paused syncing
    };

    Icons::TrayLook look = Icons::TrayLook::Stale;
    QString headline; // "Up to date", "Syncing: logging in", "Paused", ...
    QString problem; // what went wrong and what to do; empty when nothing is wrong
    QString lastSync; // "14:02 (3 min ago)" or "never"
    bool stale = false;
    QString staleWarning; // set when stale: what it means for bots
    QString nextSync; // "14:17 (in 12 min)", or why nothing is scheduled
    QString lastCycle; // "domains 12 ms · login 80 ms · ... (total 160 ms)"
    int skills = 0;
    int onShift = 0;

    // The tray tooltip: state, skills on shift, last sync, and the problem if there is one.
    QString toolTip() const;

    static SyncStatus compute(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs);

    // "logging in", "fetching shift status", ...: what a running step is doing.
    static QString stepActivity(SyncStep step);
    // "login", "shift status", ...: the step's short name for tables and duration lists.
    static QString stepName(SyncStep step);

    Q_DECLARE_TR_FUNCTIONS(SyncStatus)

private:
    void describeCredentials(const Inputs &inputs);
    void describeEngine(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs);
    void describeTimes(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs);
};
