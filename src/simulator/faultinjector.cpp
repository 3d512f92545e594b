#include "faultinjector.h"

void FaultInjector::set(Endpoint endpoint, const Fault &fault)
{
    clear(endpoint);
    add(endpoint, fault);
}

void FaultInjector::add(Endpoint endpoint, const Fault &fault)
{
    // times == 0 would be a fault that never fires; keep the list free of such entries.
    if (fault.times == 0)
        return;

    Armed armed;
    armed.id = m_nextId++;
    armed.endpoint = endpoint;
    armed.fault = fault;
    m_faults.append(armed);
}

void FaultInjector::clear()
{
    m_faults.clear();
}

void FaultInjector::clear(Endpoint endpoint)
{
    m_faults.removeIf([endpoint](const Armed &armed) { return armed.endpoint == endpoint; });
}

QList<FaultInjector::Armed> FaultInjector::arm(Endpoint endpoint)
{
    QList<Armed> live;
    for (Armed &armed : m_faults) {
        if (armed.endpoint != endpoint && armed.endpoint != Endpoint::Any)
            continue;

        ++armed.seen;
        // A bearer-expiry fault counts uses per bearer, not per request.
        const bool countsPerBearer = armed.fault.kind == Fault::Kind::UnauthorizedAfterUses;
        if (countsPerBearer || armed.seen > armed.fault.afterUses)
            live.append(armed);
    }
    return live;
}

void FaultInjector::consume(int id)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Armed &armed = m_faults[i];
        if (armed.id != id)
            continue;

        ++armed.applied;
        if (armed.fault.times >= 0 && armed.applied >= armed.fault.times)
            m_faults.removeAt(i);
        return;
    }
}
