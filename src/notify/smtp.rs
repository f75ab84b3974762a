//! The SMTP connection `[notify]` describes, with lettre's blocking transport.

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use crate::config::notify::{Notify, PASSWORD_VAR, Security};

/// Sends `message`; the error says what failed in the user's language.
pub fn send(notify: &Notify, message: &Message) -> Result<(), String> {
    transport(notify)?
        .send(message)
        .map(|_| ())
        .map_err(|e| crate::tr!("mail-smtp-failed", server = address(notify), cause = e))
}

fn transport(notify: &Notify) -> Result<SmtpTransport, String> {
    let mut builder = SmtpTransport::builder_dangerous(notify.server.as_str())
        .port(notify.port)
        .timeout(Some(notify.timeout));
    if notify.security != Security::None {
        let mut params = TlsParameters::builder(notify.server.clone());
        if let Some(ca) = &notify.ca_file {
            let pem = crate::text::read_small(ca, 1 << 20)
                .map_err(|e| crate::tr!("mail-bad-ca", path = ca.display(), cause = e))?;
            let cert = Certificate::from_pem(pem.as_bytes())
                .map_err(|e| crate::tr!("mail-bad-ca", path = ca.display(), cause = e))?;
            params = params.add_root_certificate(cert);
        }
        let params = params
            .build()
            .map_err(|e| crate::tr!("mail-smtp-failed", server = address(notify), cause = e))?;
        builder = builder.tls(match notify.security {
            Security::Tls => Tls::Wrapper(params),
            _ => Tls::Required(params),
        });
    }
    if let Some(user) = &notify.user {
        let password = std::env::var(PASSWORD_VAR)
            .map_err(|_| crate::tr!("mail-no-password", user = user, var = PASSWORD_VAR))?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(builder.build())
}

fn address(notify: &Notify) -> String {
    format!("{}:{}", notify.server, notify.port)
}
