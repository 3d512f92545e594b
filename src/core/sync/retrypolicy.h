#pragma once

#include "net/apierror.h"

#include <optional>

// When to try again after a failed cycle, following LivePerson's published retry policy:
// - other 4xx, bad data, configuration problems: not retried early, the next regular
//   cycle tries again (after the operator has had a chance to fix things);
// - rejected credentials at login or a rejected API key at the store (401/403), and 451
//   "blocked", and settings that fail validation: no automatic retry at all
//   until the operator acts (edits credentials, presses Sync now);
// - 429: Retry-After when given, else at least 5 s for login and 1 s for other calls;
// - 5xx, network errors and timeouts: 5, 10 and 15 s, then exponential backoff from 30 s
//   doubling per failure, capped at the sync interval (but not below 15 s).
namespace RetryPolicy {

enum class Decision {
    RetrySoon, // after delayMs
    NextInterval, // the regular schedule
    Halt, // wait for the operator
};

struct Outcome
{
    Decision decision = Decision::NextInterval;
    qint64 delayMs = 0;
};

// `failuresInARow` counts this failure too (1 for the first failure after a success).
Outcome afterFailure(const ApiError &error, int failuresInARow, qint64 intervalMs);

} // namespace RetryPolicy
