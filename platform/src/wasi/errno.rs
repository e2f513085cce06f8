//! WASI error numbers (`errno`), exactly as preview 1 numbers them, and the
//! translation from host errors.

use rustix::io::Errno as Host;

macro_rules! errnos {
    ($($name:ident = $value:literal, $doc:literal;)*) => {
        /// A WASI preview 1 error number. The discriminants are the values the
        /// specification assigns, so `errno as u16` is what a guest sees.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Errno {
            $(#[doc = $doc] $name = $value,)*
        }

        impl Errno {
            /// Every error number, in the specification's order.
            #[cfg(all(test, feature = "component"))]
            pub(crate) const ALL: &[Errno] = &[$(Errno::$name,)*];

            /// The specification's name of the error, without the `E`
            /// (`"NOENT"`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Errno::$name => stringify!($name),)*
                }
            }

            /// What the error means, in the specification's words.
            pub fn description(self) -> &'static str {
                match self {
                    $(Errno::$name => $doc,)*
                }
            }
        }
    };
}

/// `No such file or directory (errno NOENT)`.
impl core::fmt::Display for Errno {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let text = self.description().trim_end_matches('.');
        write!(f, "{text} (errno {})", self.name().to_ascii_uppercase())
    }
}

impl core::error::Error for Errno {}

errnos! {
    Success = 0, "No error occurred.";
    TooBig = 1, "Argument list too long (`2BIG`).";
    Acces = 2, "Permission denied.";
    AddrInUse = 3, "Address in use.";
    AddrNotAvail = 4, "Address not available.";
    AfNoSupport = 5, "Address family not supported.";
    Again = 6, "Resource unavailable, or operation would block.";
    Already = 7, "Connection already in progress.";
    Badf = 8, "Bad file descriptor.";
    BadMsg = 9, "Bad message.";
    Busy = 10, "Device or resource busy.";
    Canceled = 11, "Operation canceled.";
    Child = 12, "No child processes.";
    ConnAborted = 13, "Connection aborted.";
    ConnRefused = 14, "Connection refused.";
    ConnReset = 15, "Connection reset.";
    Deadlk = 16, "Resource deadlock would occur.";
    DestAddrReq = 17, "Destination address required.";
    Dom = 18, "Mathematics argument out of domain of function.";
    Dquot = 19, "Reserved.";
    Exist = 20, "File exists.";
    Fault = 21, "Bad address.";
    Fbig = 22, "File too large.";
    HostUnreach = 23, "Host is unreachable.";
    Idrm = 24, "Identifier removed.";
    Ilseq = 25, "Illegal byte sequence.";
    InProgress = 26, "Operation in progress.";
    Intr = 27, "Interrupted function.";
    Inval = 28, "Invalid argument.";
    Io = 29, "I/O error.";
    IsConn = 30, "Socket is connected.";
    IsDir = 31, "Is a directory.";
    Loop = 32, "Too many levels of symbolic links.";
    Mfile = 33, "File descriptor value too large.";
    Mlink = 34, "Too many links.";
    MsgSize = 35, "Message too large.";
    Multihop = 36, "Reserved.";
    NameTooLong = 37, "Filename too long.";
    NetDown = 38, "Network is down.";
    NetReset = 39, "Connection aborted by network.";
    NetUnreach = 40, "Network unreachable.";
    Nfile = 41, "Too many files open in system.";
    NoBufs = 42, "No buffer space available.";
    NoDev = 43, "No such device.";
    NoEnt = 44, "No such file or directory.";
    NoExec = 45, "Executable file format error.";
    NoLck = 46, "No locks available.";
    NoLink = 47, "Reserved.";
    NoMem = 48, "Not enough space.";
    NoMsg = 49, "No message of the desired type.";
    NoProtoOpt = 50, "Protocol not available.";
    NoSpc = 51, "No space left on device.";
    NoSys = 52, "Function not supported.";
    NotConn = 53, "The socket is not connected.";
    NotDir = 54, "Not a directory or a symbolic link to a directory.";
    NotEmpty = 55, "Directory not empty.";
    NotRecoverable = 56, "State not recoverable.";
    NotSock = 57, "Not a socket.";
    NotSup = 58, "Not supported, or operation not supported on socket.";
    NotTty = 59, "Inappropriate I/O control operation.";
    Nxio = 60, "No such device or address.";
    Overflow = 61, "Value too large to be stored in data type.";
    OwnerDead = 62, "Previous owner died.";
    Perm = 63, "Operation not permitted.";
    Pipe = 64, "Broken pipe.";
    Proto = 65, "Protocol error.";
    ProtoNoSupport = 66, "Protocol not supported.";
    ProtoType = 67, "Protocol wrong type for socket.";
    Range = 68, "Result too large.";
    Rofs = 69, "Read-only file system.";
    Spipe = 70, "Invalid seek.";
    Srch = 71, "No such process.";
    Stale = 72, "Reserved.";
    TimedOut = 73, "Connection timed out.";
    TxtBsy = 74, "Text file busy.";
    Xdev = 75, "Cross-device link.";
    NotCapable = 76, "Extension: capabilities insufficient.";
}

impl Errno {
    /// The value a WASI function returns for this error.
    pub fn raw(self) -> i32 {
        self as u16 as i32
    }
}

impl From<Host> for Errno {
    /// Maps a host `errno` to its WASI counterpart; anything without one
    /// becomes [`Errno::Io`].
    fn from(e: Host) -> Self {
        let table: &[(Host, Errno)] = &[
            (Host::TOOBIG, Errno::TooBig),
            (Host::ACCESS, Errno::Acces),
            (Host::ADDRINUSE, Errno::AddrInUse),
            (Host::ADDRNOTAVAIL, Errno::AddrNotAvail),
            (Host::AFNOSUPPORT, Errno::AfNoSupport),
            (Host::AGAIN, Errno::Again),
            (Host::ALREADY, Errno::Already),
            (Host::BADF, Errno::Badf),
            (Host::BADMSG, Errno::BadMsg),
            (Host::BUSY, Errno::Busy),
            (Host::CANCELED, Errno::Canceled),
            (Host::CHILD, Errno::Child),
            (Host::CONNABORTED, Errno::ConnAborted),
            (Host::CONNREFUSED, Errno::ConnRefused),
            (Host::CONNRESET, Errno::ConnReset),
            (Host::DEADLK, Errno::Deadlk),
            (Host::DESTADDRREQ, Errno::DestAddrReq),
            (Host::DOM, Errno::Dom),
            (Host::DQUOT, Errno::Dquot),
            (Host::EXIST, Errno::Exist),
            (Host::FAULT, Errno::Fault),
            (Host::FBIG, Errno::Fbig),
            (Host::HOSTUNREACH, Errno::HostUnreach),
            (Host::IDRM, Errno::Idrm),
            (Host::ILSEQ, Errno::Ilseq),
            (Host::INPROGRESS, Errno::InProgress),
            (Host::INTR, Errno::Intr),
            (Host::INVAL, Errno::Inval),
            (Host::IO, Errno::Io),
            (Host::ISCONN, Errno::IsConn),
            (Host::ISDIR, Errno::IsDir),
            (Host::LOOP, Errno::Loop),
            (Host::MFILE, Errno::Mfile),
            (Host::MLINK, Errno::Mlink),
            (Host::MSGSIZE, Errno::MsgSize),
            (Host::MULTIHOP, Errno::Multihop),
            (Host::NAMETOOLONG, Errno::NameTooLong),
            (Host::NETDOWN, Errno::NetDown),
            (Host::NETRESET, Errno::NetReset),
            (Host::NETUNREACH, Errno::NetUnreach),
            (Host::NFILE, Errno::Nfile),
            (Host::NOBUFS, Errno::NoBufs),
            (Host::NODEV, Errno::NoDev),
            (Host::NOENT, Errno::NoEnt),
            (Host::NOEXEC, Errno::NoExec),
            (Host::NOLCK, Errno::NoLck),
            (Host::NOLINK, Errno::NoLink),
            (Host::NOMEM, Errno::NoMem),
            (Host::NOMSG, Errno::NoMsg),
            (Host::NOPROTOOPT, Errno::NoProtoOpt),
            (Host::NOSPC, Errno::NoSpc),
            (Host::NOSYS, Errno::NoSys),
            (Host::NOTCONN, Errno::NotConn),
            (Host::NOTDIR, Errno::NotDir),
            (Host::NOTEMPTY, Errno::NotEmpty),
            (Host::NOTRECOVERABLE, Errno::NotRecoverable),
            (Host::NOTSOCK, Errno::NotSock),
            (Host::NOTSUP, Errno::NotSup),
            (Host::OPNOTSUPP, Errno::NotSup),
            (Host::NOTTY, Errno::NotTty),
            (Host::NXIO, Errno::Nxio),
            (Host::OVERFLOW, Errno::Overflow),
            (Host::OWNERDEAD, Errno::OwnerDead),
            (Host::PERM, Errno::Perm),
            (Host::PIPE, Errno::Pipe),
            (Host::PROTO, Errno::Proto),
            (Host::PROTONOSUPPORT, Errno::ProtoNoSupport),
            (Host::PROTOTYPE, Errno::ProtoType),
            (Host::RANGE, Errno::Range),
            (Host::ROFS, Errno::Rofs),
            (Host::SPIPE, Errno::Spipe),
            (Host::SRCH, Errno::Srch),
            (Host::STALE, Errno::Stale),
            (Host::TIMEDOUT, Errno::TimedOut),
            (Host::TXTBSY, Errno::TxtBsy),
            (Host::XDEV, Errno::Xdev),
        ];
        table
            .iter()
            .find(|(h, _)| *h == e)
            .map_or(Errno::Io, |(_, w)| *w)
    }
}

/// The result of a WASI function's body: success, or the errno to return.
pub type WasiResult<T = ()> = Result<T, Errno>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_the_specification() {
        assert_eq!(Errno::Success.raw(), 0);
        assert_eq!(Errno::Badf.raw(), 8);
        assert_eq!(Errno::Fault.raw(), 21);
        assert_eq!(Errno::Inval.raw(), 28);
        assert_eq!(Errno::NoEnt.raw(), 44);
        assert_eq!(Errno::NotSup.raw(), 58);
        assert_eq!(Errno::Xdev.raw(), 75);
        assert_eq!(Errno::NotCapable.raw(), 76);
        assert_eq!(Errno::NotCapable.name(), "NotCapable");
    }

    #[test]
    fn host_errors_translate() {
        assert_eq!(Errno::from(Host::NOENT), Errno::NoEnt);
        assert_eq!(Errno::from(Host::ACCESS), Errno::Acces);
        assert_eq!(Errno::from(Host::LOOP), Errno::Loop);
    }
}
