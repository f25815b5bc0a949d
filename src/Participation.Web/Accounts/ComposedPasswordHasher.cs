using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

/// <summary>
/// Passwords are hashed and checked composed (NFC), as NIST SP 800-63B asks: « é » sent as one
/// character by one keyboard and as « e » and an accent by another is the same password. Nothing
/// else is changed, nothing removed. Choosing, checking and changing a password all come here, so
/// each treats a password the same way.
/// </summary>
public sealed class ComposedPasswordHasher(IOptions<PasswordHasherOptions> options) : PasswordHasher<Member>(options)
{
    public override string HashPassword(Member user, string password) => base.HashPassword(user, CleanText.Composed(password));

    public override PasswordVerificationResult VerifyHashedPassword(Member user, string hashedPassword, string providedPassword)
    {
        var composed = CleanText.Composed(providedPassword);
        var result = base.VerifyHashedPassword(user, hashedPassword, composed);
        // A password chosen before passwords were composed, in the shape it was typed then: it still
        // opens the account, and Identity stores it again composed.
        if (result == PasswordVerificationResult.Failed && !string.Equals(composed, providedPassword, StringComparison.Ordinal)
            && base.VerifyHashedPassword(user, hashedPassword, providedPassword) != PasswordVerificationResult.Failed)
        {
            return PasswordVerificationResult.SuccessRehashNeeded;
        }
        return result;
    }
}
