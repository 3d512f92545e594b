#pragma once

#include "faultinjector.h"

#include <QList>

// The faults that are live for the request being answered. An endpoint asks take() for a
// content-shaping kind when it builds its answer; whatever was taken is consumed afterwards,
// so a fault aimed at Endpoint::Any only counts for the requests it actually changed.
class ActiveFaults
{
public:
    ActiveFaults() = default;
    explicit ActiveFaults(QList<FaultInjector::Armed> live)
        : m_live(std::move(live))
    { }

    // The first live fault of this kind, marked as used; nullptr when there is none.
    const Fault *take(Fault::Kind kind)
    {
        for (const FaultInjector::Armed &armed : std::as_const(m_live)) {
            if (armed.fault.kind != kind)
                continue;
            if (!m_used.contains(armed.id))
                m_used.append(armed.id);
            return &armed.fault;
        }
        return nullptr;
    }

    // Looks without marking the fault as used (e.g. to read its afterUses first).
    const Fault *peek(Fault::Kind kind) const
    {
        for (const FaultInjector::Armed &armed : m_live) {
            if (armed.fault.kind == kind)
                return &armed.fault;
        }
        return nullptr;
    }

    // The first live fault that replaces or withholds the whole answer.
    const FaultInjector::Armed *deliveryFault() const
    {
        for (const FaultInjector::Armed &armed : m_live) {
            if (!armed.fault.shapesContent())
                return &armed;
        }
        return nullptr;
    }

    void markUsed(int id)
    {
        if (!m_used.contains(id))
            m_used.append(id);
    }

    QList<int> used() const { return m_used; }

    QStringList usedKindNames() const
    {
        QStringList names;
        for (const FaultInjector::Armed &armed : m_live) {
            if (m_used.contains(armed.id))
                names.append(Fault::kindName(armed.fault.kind));
        }
        return names;
    }

private:
    QList<FaultInjector::Armed> m_live;
    QList<int> m_used;
};
