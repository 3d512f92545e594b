#pragma once

#include "net/apierror.h"

// The exit codes of the command line, documented in README.md and the man page so that cron
// jobs and systemd units can tell a configuration mistake from an outage.
namespace ExitCode {

inline constexpr int Success = 0;
inline constexpr int Internal = 1; // a bug; please report it
inline constexpr int Usage = 2; // bad options or settings
inline constexpr int CredentialsUnavailable = 3; // keychain or credentials file could not provide them
inline constexpr int AuthenticationRejected = 4; // LivePerson refused the bot credentials or the API key
inline constexpr int Upstream = 5; // network, server, throttling or bad data from LivePerson

inline int forError(const ApiError &error)
{
    switch (error.kind) {
    case ErrorKind::None:
        return Success;
    case ErrorKind::Configuration:
        return Usage;
    case ErrorKind::Credentials:
        return CredentialsUnavailable;
    case ErrorKind::Unauthorized:
    case ErrorKind::Blocked:
        return AuthenticationRejected;
    default:
        return Upstream;
    }
}

} // namespace ExitCode
