#include "syncstatus.h"

#include "sync/syncengine.h"
#include "timetext.h"

namespace {

constexpr qsizetype ToolTipProblemLength = 160;

} // namespace

SyncStatus SyncStatus::compute(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs)
{
    SyncStatus status;
    status.skills = static_cast<int>(engine.skills().size());
    for (const SkillShift &skill : engine.skills())
        status.onShift += skill.onShift() ? 1 : 0;

    if (inputs.credentials == CredentialsState::Ready)
        status.describeEngine(engine, now, inputs);
    else
        status.describeCredentials(inputs);
    status.describeTimes(engine, now, inputs);
    return status;
}

void SyncStatus::describeCredentials(const Inputs &inputs)
{
    switch (inputs.credentials) {
    case CredentialsState::Loading:
        look = Icons::TrayLook::Stale;
        headline = tr("Waiting for the keychain…");
        return;
    case CredentialsState::Missing:
        look = Icons::TrayLook::Error;
        headline = tr("No credentials stored");
        problem = tr("Enter the bot's credentials (File > Credentials…) to start syncing.");
        if (!inputs.credentialsMessage.isEmpty())
            problem = inputs.credentialsMessage + QLatin1Char(' ') + problem;
        return;
    case CredentialsState::Unavailable:
        look = Icons::TrayLook::Error;
        headline = tr("Keychain unavailable: not syncing");
        problem = inputs.credentialsMessage;
        return;
    case CredentialsState::Ready:
        return;
    }
}

void SyncStatus::describeEngine(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs)
{
    const EngineState state = engine.state();
    const CycleReport &report = engine.lastReport();
    if (!report.ok && report.error.isError())
        problem = report.error.toString();

    if (state == EngineState::Syncing) {
        look = Icons::TrayLook::Syncing;
        headline = tr("Syncing: %1").arg(stepActivity(engine.currentStep()));
        if (inputs.paused)
            headline = tr("Pausing after the running sync");
        return;
    }
    if (inputs.paused || state == EngineState::Paused) {
        look = Icons::TrayLook::Paused;
        headline = tr("Paused");
        return;
    }
    if (state == EngineState::WaitingToRetry) {
        look = Icons::TrayLook::Error;
        headline = tr("Sync failed; retrying at %1").arg(TimeText::withHint(engine.nextSyncAt(), now));
        return;
    }
    if (state == EngineState::Error) {
        look = Icons::TrayLook::Error;
        headline = engine.halted() ? tr("Sync failed; automatic syncing stopped until the problem is fixed")
                                   : tr("Sync failed");
        return;
    }

    problem.clear();
    const bool neverSynced = !engine.lastSuccessAt().isValid();
    look = engine.isStale() ? Icons::TrayLook::Stale : Icons::TrayLook::Ok;
    headline = neverSynced ? tr("Not synced yet") : (engine.isStale() ? tr("Data is stale") : tr("Up to date"));
}

void SyncStatus::describeTimes(const SyncEngine &engine, const QDateTime &now, const Inputs &inputs)
{
    const QDateTime last = engine.lastSuccessAt();
    lastSync = last.isValid() ? TimeText::withHint(last, now) : tr("never");

    stale = last.isValid() && engine.isStale();
    if (stale) {
        staleWarning = tr("Bots are reading data from %1, more than twice the sync interval (%2) ago.")
                           .arg(TimeText::localTime(last, now),
                               TimeText::duration(qint64(engine.config().intervalSeconds) * 1000));
    }

    if (inputs.credentials != CredentialsState::Ready)
        nextSync = tr("none until the credentials are available");
    else if (engine.state() == EngineState::Syncing)
        nextSync = tr("after the running sync");
    else if (inputs.paused || engine.state() == EngineState::Paused)
        nextSync = tr("none while paused");
    else if (engine.halted())
        nextSync = tr("none: fix the problem, then press Sync now");
    else if (engine.nextSyncAt().isValid())
        nextSync = TimeText::withHint(engine.nextSyncAt(), now);
    else
        nextSync = tr("—");

    const CycleReport &report = engine.lastReport();
    QStringList parts;
    for (const StepDuration &step : report.steps)
        parts << tr("%1 %2").arg(stepName(step.step), TimeText::duration(step.ms));
    if (!report.startedAt.isValid())
        lastCycle = tr("—");
    else
        lastCycle = tr("%1 (total %2)").arg(parts.join(QStringLiteral(" · ")), TimeText::duration(report.durationMs()));
}

QString SyncStatus::toolTip() const
{
    QStringList lines {tr("ShiftSync: %1").arg(headline)};
    if (skills > 0)
        lines << tr("%1 of %2 skills on shift").arg(onShift).arg(skills);
    lines << tr("Last sync: %1").arg(lastSync);
    if (!problem.isEmpty())
        lines << (problem.size() > ToolTipProblemLength ? problem.left(ToolTipProblemLength) + QChar(0x2026) : problem);
    return lines.join(QLatin1Char('\n'));
}

QString SyncStatus::stepActivity(SyncStep step)
{
    switch (step) {
    case SyncStep::None:
        return tr("starting");
    case SyncStep::Configuration:
        return tr("checking the settings");
    case SyncStep::Credentials:
        return tr("reading the credentials");
    case SyncStep::Domains:
        return tr("looking up the LivePerson hosts");
    case SyncStep::Login:
        return tr("logging in");
    case SyncStep::FetchShiftStatus:
        return tr("fetching shift status");
    case SyncStep::Shape:
        return tr("preparing the data");
    case SyncStep::Write:
        return tr("writing to the context store");
    case SyncStep::Prune:
        return tr("removing vanished skills");
    case SyncStep::ReadBack:
        return tr("reading the namespace back");
    case SyncStep::Skills:
        return tr("fetching skill names");
    case SyncStep::Logout:
        return tr("logging out");
    }
    return QString();
}

QString SyncStatus::stepName(SyncStep step)
{
    switch (step) {
    case SyncStep::None:
        return QString();
    case SyncStep::Configuration:
        return tr("settings");
    case SyncStep::Credentials:
        return tr("credentials");
    case SyncStep::Domains:
        return tr("domains");
    case SyncStep::Login:
        return tr("login");
    case SyncStep::FetchShiftStatus:
        return tr("shift status");
    case SyncStep::Shape:
        return tr("shape");
    case SyncStep::Write:
        return tr("write");
    case SyncStep::Prune:
        return tr("prune");
    case SyncStep::ReadBack:
        return tr("read-back");
    case SyncStep::Skills:
        return tr("skill names");
    case SyncStep::Logout:
        return tr("logout");
    }
    return QString();
}
