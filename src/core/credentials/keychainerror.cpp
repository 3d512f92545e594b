#include "keychainerror.h"

#include "util/redaction.h"

namespace KeychainError {

CredentialStore::Status statusFor(QKeychain::Error error)
{
    using Status = CredentialStore::Status;
    switch (error) {
    case QKeychain::NoError:
        return Status::Ok;
    case QKeychain::EntryNotFound:
        return Status::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Status::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Status::NoService;
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    return Status::Failed;
}

QString explain(QKeychain::Error error, const QString &libraryText)
{
    // The library's text never holds a value, but it passes through the scrubber anyway.
    const QString detail = Redaction::scrub(libraryText.trimmed());

    switch (statusFor(error)) {
    case CredentialStore::Status::Ok:
        return QStringLiteral("no error.");
    case CredentialStore::Status::NotFound:
        return QStringLiteral("no entry found. A locked keyring also reads as not found on this backend: "
                              "unlock it and retry; otherwise enter the credentials and save them.");
    case CredentialStore::Status::Locked:
        return QStringLiteral("access was denied or the keyring is locked (%1). Unlock it and retry.").arg(detail);
    case CredentialStore::Status::NoService:
        return QStringLiteral("no keychain service is available (%1). Install or start gnome-keyring or KWallet, "
                              "then retry. Nothing is stored anywhere else.")
            .arg(detail);
    default:
        break;
    }
    return QStringLiteral("the keychain failed with error %1 (%2). Retry; if it persists, check the keyring.")
        .arg(static_cast<int>(error))
        .arg(detail);
}

} // namespace KeychainError
