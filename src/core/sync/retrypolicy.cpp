#include "retrypolicy.h"

#include <algorithm>

namespace RetryPolicy {

namespace {

constexpr qint64 Second = 1000;

qint64 transientDelay(int failuresInARow, qint64 intervalMs)
{
    // LivePerson's policy: 5, 10 and 15 s. Then 30 s doubling per failure, capped at the
    // interval but never shorter than the last fixed step.
    static constexpr qint64 firstSteps[] = {5 * Second, 10 * Second, 15 * Second};
    if (failuresInARow <= 3)
        return firstSteps[std::max(failuresInARow, 1) - 1];

    const int doublings = std::min(failuresInARow - 4, 20); // keeps the shift bounded
    return std::min((30 * Second) << doublings, std::max(intervalMs, 15 * Second));
}

qint64 throttledDelay(const ApiError &error)
{
    const qint64 floor = error.step == SyncStep::Login ? 5 * Second : 1 * Second;
    if (error.retryAfterSeconds >= 0)
        return std::max(floor, error.retryAfterSeconds * Second);
    return floor;
}

} // namespace

Outcome afterFailure(const ApiError &error, int failuresInARow, qint64 intervalMs)
{
    switch (error.kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::Server:
        return {Decision::RetrySoon, transientDelay(failuresInARow, intervalMs)};
    case ErrorKind::Throttled:
        return {Decision::RetrySoon, throttledDelay(error)};
    case ErrorKind::Blocked:
    case ErrorKind::Credentials:
        return {Decision::Halt, 0};
    case ErrorKind::Unauthorized:
        // Rejected bot credentials or a rejected API key need a person and must not be
        // hammered. A shift-status 401 has already had its one re-login inside the cycle and
        // may be the server's passing trouble, so the regular schedule is soon enough for it.
        if (error.step == SyncStep::FetchShiftStatus)
            return {Decision::NextInterval, intervalMs};
        return {Decision::Halt, 0};
    case ErrorKind::Configuration:
        // Our own settings are wrong: nothing changes until someone fixes them. A service that
        // CSDS did not list (step Domains) may be LivePerson's passing state: try again later.
        if (error.step == SyncStep::Configuration)
            return {Decision::Halt, 0};
        break;
    case ErrorKind::None:
    case ErrorKind::Tls:
    case ErrorKind::BadData:
    case ErrorKind::Rejected:
    case ErrorKind::TooLarge:
    case ErrorKind::Retired:
        break;
    }
    return {Decision::NextInterval, intervalMs};
}

} // namespace RetryPolicy
