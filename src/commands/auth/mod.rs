//! `clarion auth ...`

pub(crate) mod login;
pub(crate) mod logout;
pub(crate) mod status;
pub(crate) mod token;

use crate::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    Login(login::LoginArgs),
    Status(status::StatusArgs),
    Logout(logout::LogoutArgs),
    Token(token::TokenArgs),
}

pub(crate) async fn run(cmd: AuthCommand, ctx: &Ctx<'_>) -> anyhow::Result<()> {
    match cmd {
        AuthCommand::Login(args) => login::run(args, ctx),
        AuthCommand::Status(args) => status::run(args, ctx),
        AuthCommand::Logout(args) => logout::run(args, ctx),
        AuthCommand::Token(args) => token::run(args, ctx),
    }
}
