#pragma once

#include "simresponse.h"

class LivePersonSimulator;
class SimRequest;

// The /_sim/ control API on the simulator's port, so out-of-process tests, the demo and a
// person with curl can break and inspect the simulator (see README.md for every call):
//   GET  /_sim/state                 settings, faults, counters
//   GET  /_sim/requests[?endpoint=]  recorded requests, secrets redacted
//   POST /_sim/fault                 {"endpoint":"login","kind":"status","status":503,...}
//   DELETE /_sim/fault[?endpoint=]   clear faults
//   POST /_sim/clear                 faults and overrides; {"requests":true,"context":true,
//                                    "sessions":true} clears those too
//   POST/DELETE /_sim/shift-status   feed / drop an exact shift-status body
//   POST/DELETE /_sim/skills         feed / drop a skills list
//   POST /_sim/expire-sessions       every bearer gets 401 from now on
//   POST /_sim/csds                  {"host":"127.0.0.1:1234","shiftstatus":false}
//   POST /_sim/clock                 {"offsetMs":N} moves the simulated clock
//   GET  /_sim/context/{ns}[/{session}]  a namespace's stored document, exact bytes
class SimulatorControl
{
public:
    explicit SimulatorControl(LivePersonSimulator &simulator);

    SimResponse handle(SimRequest &request);

private:
    SimResponse requests(const SimRequest &request) const;
    SimResponse addFault(const SimRequest &request);
    SimResponse clearFaults(const SimRequest &request);
    SimResponse clear(const SimRequest &request);
    SimResponse shiftStatus(const SimRequest &request);
    SimResponse skills(const SimRequest &request);
    SimResponse csds(const SimRequest &request);
    SimResponse clock(const SimRequest &request);
    SimResponse context(const SimRequest &request) const;

    LivePersonSimulator &m_simulator;
};
