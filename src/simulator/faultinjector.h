#pragma once

#include "endpoint.h"
#include "fault.h"

#include <QList>

// Holds the faults attached to endpoints and decides which of them are live for one request:
// a fault first lets `afterUses` matching requests through, then applies `times` times (or
// forever) and removes itself. Faults on Endpoint::Any match every endpoint.
class FaultInjector
{
public:
    struct Armed
    {
        int id = 0;
        Endpoint endpoint = Endpoint::Any;
        Fault fault;
        int seen = 0; // matching requests so far
        int applied = 0; // requests the fault changed so far
    };

    void set(Endpoint endpoint, const Fault &fault); // replaces the endpoint's faults
    void add(Endpoint endpoint, const Fault &fault);
    void clear();
    void clear(Endpoint endpoint);

    QList<Armed> faults() const { return m_faults; }

    // The faults that are live for one request to `endpoint`, in the order they were added.
    // Counts the request against each matching fault's afterUses. Content-shaping faults
    // (Fault::shapesContent) are always returned: the endpoint decides if they apply.
    QList<Armed> arm(Endpoint endpoint);

    // Records that the fault with this id changed one answer, and drops it once its
    // `times` are used up.
    void consume(int id);

private:
    QList<Armed> m_faults;
    int m_nextId = 1;
};
