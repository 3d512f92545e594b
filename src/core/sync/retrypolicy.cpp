#include "retrypolicy.h"

#include <algorithm>

namespace RetryPolicy {

namespace {

constexpr qint64 Second = 1000;

qint64 transientDelay(int failuresInARow, qint64 intervalMs)
{
    static constexpr qint64 firstSteps[] = {5 * Second, 10 * Second, 15 * Second};
    if (failuresInARow <= 3)
        return std::min(firstSteps[std::max(failuresInARow, 1) - 1], intervalMs);

    // 30 s, 60 s, 120 s, ... capped at the interval; the shift keeps the exponent bounded.
    const int doublings = std::min(failuresInARow - 4, 20);
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
        // Rejected credentials must not be hammered; a data call's 401 has already had its
        // one re-login inside the cycle, so the regular schedule is soon enough.
        return error.step == SyncStep::Login ? Outcome {Decision::Halt, 0}
                                             : Outcome {Decision::NextInterval, intervalMs};
    case ErrorKind::None:
    case ErrorKind::Configuration:
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
