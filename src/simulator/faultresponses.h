#pragma once

#include "fault.h"
#include "simresponse.h"

// The answers that replace a normal one when a fault is live: error statuses, gateway HTML,
// empty, truncated and wrongly typed bodies (B17, B19, B20). Pure functions of the fault and
// the normal answer.
namespace FaultResponses {

// Whether the endpoint must still run (and its side effects happen) before the fault applies:
// Delay, StallMidBody, TruncatedJson and WrongType work on the normal answer; Status, Stall,
// Reset, HtmlPage and EmptyBody replace it and leave the simulator's state untouched.
bool needsNormalAnswer(Fault::Kind kind);

// The answer to send instead of `normal` (Status, HtmlPage, EmptyBody, TruncatedJson,
// WrongType); any other kind returns `normal` unchanged.
SimResponse apply(const Fault &fault, const SimResponse &normal);

// The standard reason phrase, e.g. "Too Many Requests".
QByteArray reasonPhrase(int status);

} // namespace FaultResponses
