//! Running one script: the state of the script (store, named instances,
//! registered modules) and the meaning of each command.

use crate::report::ScriptReport;
use crate::{features, spectest, values};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::thread::{Scope, ScopedJoinHandle};
use wast::lexer::Lexer;
use wast::parser::{self, ParseBuffer};
use wast::token::{Id, Span};
use wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke, WastThread, Wat};
use wisp::{Engine, Error, ErrorKind, Extern, Instance, Module, Store, Trap, Val};

/// Runs the script `text` (the file `path`) and reports on it.
pub(crate) fn run(path: &Path, text: &str) -> ScriptReport {
    let mut report = ScriptReport::new(path);
    let result = catch_unwind(AssertUnwindSafe(|| run_inner(path, text, &mut report)));
    if let Err(payload) = result {
        let line = format!("{}:0:0: panic: {}", path.display(), panic_text(&*payload));
        report.fail(line);
    }
    report
}

fn run_inner(path: &Path, text: &str, report: &mut ScriptReport) {
    // `names.wast` has bidirectional-override characters in its names.
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let buf = match ParseBuffer::new_with_lexer(lexer) {
        Ok(buf) => buf,
        Err(e) => return report.fail(parse_failure(path, text, &e)),
    };
    let wast = match parser::parse::<Wast<'_>>(&buf) {
        Ok(wast) => wast,
        Err(e) => return report.fail(parse_failure(path, text, &e)),
    };
    std::thread::scope(|scope| {
        let mut runner = match Runner::new(path, text, report, scope) {
            Ok(runner) => runner,
            Err(e) => {
                let line = format!(
                    "{}:0:0: cannot create the spectest module: {e}",
                    path.display()
                );
                return report.fail(line);
            }
        };
        runner.run(wast.directives);
    });
}

fn parse_failure(path: &Path, text: &str, e: &wast::Error) -> String {
    let (line, col) = e.span().linecol_in(text);
    format!(
        "{}:{}:{}: the script does not parse: {}",
        path.display(),
        line + 1,
        col + 1,
        e.message()
    )
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".into()
    }
}

/// The state of a running script (or of one of its threads, which runs
/// its commands in a store of its own on an OS thread of its own).
struct Runner<'r, 's, 'e> {
    path: &'e Path,
    text: &'e str,
    report: &'r mut ScriptReport,
    engine: Engine,
    /// Where `thread` commands start their threads.
    scope: &'s Scope<'s, 'e>,
    /// Threads started and not yet waited for, by name, in start order.
    threads: Vec<(String, ScopedJoinHandle<'s, ScriptReport>)>,
    /// The modules a thread was given with `(shared (module $m))`: their
    /// shared memories (the only exports another store can use), by name.
    shared: HashMap<String, HashMap<String, Extern>>,
    store: Store<()>,
    /// Registered modules by name (`spectest` and every `register`), with
    /// their exports by name.
    registered: HashMap<String, HashMap<String, Extern>>,
    /// Instances named by `(module $id …)` or `(module instance $id …)`.
    instances: HashMap<String, Instance>,
    /// Modules compiled by `(module definition $id …)`.
    definitions: HashMap<String, Module>,
    /// The most recent `module definition`, for `(module instance)` without
    /// a module name.
    last_definition: Option<Module>,
    /// The most recently instantiated module, the default target of actions.
    current: Option<Instance>,
}

/// Why an action or instantiation did not produce a value.
enum Failure {
    /// The engine returned an error.
    Engine(Error),
    /// Something the runner could not do (unknown name, unsupported value).
    Runner(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Engine(e) => write!(f, "{e}"),
            Failure::Runner(m) => f.write_str(m),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Engine(e)
    }
}

impl<'r, 's, 'e: 's> Runner<'r, 's, 'e> {
    fn new(
        path: &'e Path,
        text: &'e str,
        report: &'r mut ScriptReport,
        scope: &'s Scope<'s, 'e>,
    ) -> Result<Self, Error> {
        let mut config = wisp::Config::new();
        config.wasm_features(features::features_for(path));
        // The interpreter, unless `WISP_ENGINE` says `jit` (every function
        // compiled) or `auto` (tiered).
        config.strategy(match std::env::var("WISP_ENGINE").as_deref() {
            Ok("jit") => wisp::Strategy::Jit,
            Ok("auto") => wisp::Strategy::Auto,
            _ => wisp::Strategy::Interpreter,
        });
        // `WISP_SIGNALS=0`: compiled code checks every trap explicitly.
        config.signals_based_traps(std::env::var("WISP_SIGNALS").as_deref() != Ok("0"));
        // `WISP_GUARD_REGIONS=0`: memories without guard regions, so
        // compiled code checks their bounds even when it traps by signals
        // otherwise (qemu-user keeps bookkeeping for every page a process
        // reserves, over 6 GiB per guarded memory, and never frees it).
        config.memory_guard_regions(std::env::var("WISP_GUARD_REGIONS").as_deref() != Ok("0"));
        Self::with_engine(path, text, report, scope, Engine::new(&config))
    }

    /// A runner with a store of its own in `engine`.
    fn with_engine(
        path: &'e Path,
        text: &'e str,
        report: &'r mut ScriptReport,
        scope: &'s Scope<'s, 'e>,
        engine: Engine,
    ) -> Result<Self, Error> {
        let mut store = Store::new(&engine, ());
        let mut registered = HashMap::new();
        registered.insert("spectest".to_string(), spectest::exports(&mut store)?);
        Ok(Self {
            path,
            text,
            report,
            engine,
            scope,
            threads: Vec::new(),
            shared: HashMap::new(),
            store,
            registered,
            instances: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            current: None,
        })
    }

    /// Runs `directives`, then waits for the threads they started and
    /// did not wait for.
    fn run(&mut self, directives: Vec<WastDirective<'e>>) {
        for directive in directives {
            let span = directive.span();
            let result = catch_unwind(AssertUnwindSafe(|| self.directive(directive)));
            if let Err(payload) = result {
                self.fail(span, format!("engine panicked: {}", panic_text(&*payload)));
            }
        }
        while let Some((name, _)) = self.threads.first() {
            let name = name.clone();
            self.wait(Span::from_offset(0), &name);
        }
    }

    /// `(thread $name (shared (module $m))? commands…)`: runs the commands
    /// on a new OS thread, in a store of their own, with `$m`'s shared
    /// memories.
    fn thread(&mut self, thread: WastThread<'e>) {
        let name = thread.name.name().to_string();
        let mut shared = HashMap::new();
        if let Some(module) = thread.shared_module {
            match self.shared_exports(module.name()) {
                Ok(exports) => drop(shared.insert(module.name().to_string(), exports)),
                Err(m) => return self.fail(thread.span, m),
            }
        }
        let (path, text, scope) = (self.path, self.text, self.scope);
        let engine = self.engine.clone();
        let directives = thread.directives;
        let handle = scope.spawn(move || {
            let mut report = ScriptReport::new(path);
            match Runner::with_engine(path, text, &mut report, scope, engine) {
                Ok(mut runner) => {
                    runner.shared = shared;
                    runner.run(directives);
                }
                Err(e) => report.fail(format!("{}:0:0: thread: {e}", path.display())),
            }
            report
        });
        self.threads.retain(|(started, _)| *started != name);
        self.threads.push((name, handle));
    }

    /// The shared memories among the exports of module `name` (one this
    /// runner was given, or one of its instances).
    fn shared_exports(&self, name: &str) -> Result<HashMap<String, Extern>, String> {
        if let Some(exports) = self.shared.get(name) {
            return Ok(exports.clone());
        }
        let inst = self
            .instances
            .get(name)
            .ok_or_else(|| format!("unknown module ${name}"))?;
        Ok(inst
            .exports(&self.store)
            .into_iter()
            .filter(|(_, e)| matches!(e, Extern::SharedMemory(_)))
            .collect())
    }

    /// `(wait $name)`: joins the thread and counts its assertions.
    fn wait(&mut self, span: Span, name: &str) {
        let Some(at) = self.threads.iter().position(|(started, _)| started == name) else {
            return self.fail(span, format!("wait for unknown thread ${name}"));
        };
        let (_, handle) = self.threads.remove(at);
        match handle.join() {
            Ok(report) => {
                self.report.passed += report.passed;
                self.report.failed += report.failed;
                self.report.failures.extend(report.failures);
            }
            Err(payload) => self.fail(
                span,
                format!("thread ${name} panicked: {}", panic_text(&*payload)),
            ),
        }
    }

    fn fail(&mut self, span: Span, message: String) {
        let (line, col) = span.linecol_in(self.text);
        self.report.fail(format!(
            "{}:{}:{}: {message}",
            self.path.display(),
            line + 1,
            col + 1
        ));
    }

    /// Counts an assertion: passed when `result` is `Ok`.
    fn assertion(&mut self, span: Span, result: Result<(), String>) {
        match result {
            Ok(()) => self.report.pass(),
            Err(m) => self.fail(span, m),
        }
    }

    fn directive(&mut self, directive: WastDirective<'e>) {
        let span = directive.span();
        match directive {
            WastDirective::Module(mut module) => {
                let name = module.name();
                if let Err(m) = self.module(&mut module, name) {
                    self.fail(span, m);
                }
            }
            WastDirective::ModuleDefinition(mut module) => {
                let name = module.name();
                match compile_quote(&self.engine, &mut module) {
                    Ok(m) => {
                        if let Some(name) = name {
                            self.definitions.insert(name.name().to_string(), m.clone());
                        }
                        self.last_definition = Some(m);
                    }
                    Err(m) => self.fail(span, format!("module definition failed: {m}")),
                }
            }
            WastDirective::ModuleInstance {
                instance, module, ..
            } => {
                if let Err(m) = self.module_instance(instance, module) {
                    self.fail(span, m);
                }
            }
            WastDirective::Register { name, module, .. } => {
                let shared = module.and_then(|m| self.shared.get(m.name()));
                let exports = match shared {
                    Some(exports) => Ok(exports.clone()),
                    None => self
                        .instance(module)
                        .map(|inst| inst.exports(&self.store).into_iter().collect()),
                };
                match exports {
                    Ok(exports) => drop(self.registered.insert(name.to_string(), exports)),
                    Err(m) => self.fail(span, format!("register failed: {m}")),
                }
            }
            WastDirective::Invoke(invoke) => {
                if let Err(f) = self.invoke(&invoke) {
                    self.fail(span, format!("invoke \"{}\" failed: {f}", invoke.name));
                }
            }
            WastDirective::AssertReturn { exec, results, .. } => {
                let result = match self.execute(exec) {
                    Ok(got) => check_results(&results, &got, &self.store),
                    Err(f) => Err(format!("expected a return, got {f}")),
                };
                self.assertion(span, result);
            }
            WastDirective::AssertTrap { exec, message, .. } => {
                let result = match self.execute(exec) {
                    Ok(got) => Err(format!(
                        "expected trap \"{message}\", got {}",
                        values::vals_text(&got, &self.store)
                    )),
                    Err(f) => expect_trap(f, message),
                };
                self.assertion(span, result);
            }
            WastDirective::AssertExhaustion { call, message, .. } => {
                let result = match self.invoke(&call) {
                    Ok(got) => Err(format!(
                        "expected exhaustion \"{message}\", got {}",
                        values::vals_text(&got, &self.store)
                    )),
                    Err(f) => expect_trap(f, message),
                };
                self.assertion(span, result);
            }
            WastDirective::AssertInvalid {
                mut module,
                message,
                ..
            }
            | WastDirective::AssertMalformed {
                mut module,
                message,
                ..
            }
            | WastDirective::AssertInvalidCustom {
                mut module,
                message,
                ..
            }
            | WastDirective::AssertMalformedCustom {
                mut module,
                message,
                ..
            } => {
                let result = match compile_quote(&self.engine, &mut module) {
                    Ok(_) => Err(format!(
                        "module was accepted, expected rejection (\"{message}\")"
                    )),
                    Err(_) => Ok(()),
                };
                self.assertion(span, result);
            }
            WastDirective::AssertUnlinkable {
                mut module,
                message,
                ..
            } => {
                let result = self.expect_unlinkable(&mut module, message);
                self.assertion(span, result);
            }
            WastDirective::AssertException { exec, .. } => {
                let result = match self.execute(exec) {
                    Ok(got) => Err(format!(
                        "expected an exception, got {}",
                        values::vals_text(&got, &self.store)
                    )),
                    Err(Failure::Engine(e)) if e.as_exception().is_some() => Ok(()),
                    Err(f) => Err(format!("expected an exception, got {f}")),
                };
                self.assertion(span, result);
            }
            WastDirective::AssertSuspension { .. } => {
                self.fail(span, "assert_suspension is not supported".into());
            }
            WastDirective::Thread(thread) => self.thread(thread),
            WastDirective::Wait { thread, .. } => self.wait(span, thread.name()),
        }
    }

    /// `(module …)`: compiles and instantiates; the instance becomes current.
    fn module(&mut self, module: &mut QuoteWat<'_>, name: Option<Id<'_>>) -> Result<(), String> {
        // A failed module leaves no current module behind, so that later
        // actions do not silently run against an older one.
        self.current = None;
        if let Some(name) = name {
            self.instances.remove(name.name());
        }
        let compiled = compile_quote(&self.engine, module)?;
        let inst = self
            .instantiate(&compiled)
            .map_err(|f| format!("module failed to instantiate: {f}"))?;
        self.current = Some(inst);
        if let Some(name) = name {
            self.instances.insert(name.name().to_string(), inst);
        }
        Ok(())
    }

    /// `(module instance $i $m)`.
    fn module_instance(
        &mut self,
        instance: Option<Id<'_>>,
        module: Option<Id<'_>>,
    ) -> Result<(), String> {
        let compiled = match module {
            Some(id) => self.definitions.get(id.name()).cloned(),
            None => self.last_definition.clone(),
        }
        .ok_or_else(|| match module {
            Some(id) => format!("unknown module definition ${}", id.name()),
            None => "no module definition to instantiate".to_string(),
        })?;
        self.current = None;
        let inst = self
            .instantiate(&compiled)
            .map_err(|f| format!("module instance failed to instantiate: {f}"))?;
        self.current = Some(inst);
        if let Some(id) = instance {
            self.instances.insert(id.name().to_string(), inst);
        }
        Ok(())
    }

    /// Resolves `module`'s imports against the registered modules and
    /// instantiates it.
    fn instantiate(&mut self, module: &Module) -> Result<Instance, Failure> {
        let mut imports = Vec::with_capacity(module.imports().len());
        for import in module.imports() {
            let ext = self
                .registered
                .get(import.module())
                .and_then(|exports| exports.get(import.name()))
                .ok_or_else(|| {
                    Error::new(ErrorKind::Link(format!(
                        "unknown import: `{}::{}` has not been defined",
                        import.module(),
                        import.name()
                    )))
                })?;
            imports.push(ext.clone());
        }
        Ok(Instance::new(&mut self.store, module, &imports)?)
    }

    /// The instance named `id`, or the current one.
    fn instance(&self, id: Option<Id<'_>>) -> Result<Instance, String> {
        match id {
            Some(id) => self
                .instances
                .get(id.name())
                .copied()
                .ok_or_else(|| format!("unknown module ${}", id.name())),
            None => self.current.ok_or_else(|| "no current module".to_string()),
        }
    }

    /// Runs an action or an instantiation (`assert_return` / `assert_trap`
    /// subjects), returning the values it produced.
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Vec<Val>, Failure> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke),
            WastExecute::Get { module, global, .. } => {
                let inst = self.instance(module).map_err(Failure::Runner)?;
                let g = inst
                    .get_global(&self.store, global)
                    .ok_or_else(|| Failure::Runner(format!("no exported global \"{global}\"")))?;
                Ok(vec![g.get(&self.store)])
            }
            WastExecute::Wat(mut wat) => {
                let compiled = compile_wat(&self.engine, &mut wat).map_err(Failure::Runner)?;
                self.instantiate(&compiled)?;
                Ok(Vec::new())
            }
        }
    }

    /// `(invoke $m "name" args…)`.
    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Vec<Val>, Failure> {
        let inst = self.instance(invoke.module).map_err(Failure::Runner)?;
        let func = inst
            .get_func(&self.store, invoke.name)
            .ok_or_else(|| Failure::Runner(format!("no exported function \"{}\"", invoke.name)))?;
        let args = invoke
            .args
            .iter()
            .map(|a| values::arg(a, &mut self.store))
            .collect::<Result<Vec<_>, _>>();
        let args = args.map_err(Failure::Runner)?;
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        func.call(&mut self.store, &args, &mut results)?;
        Ok(results)
    }

    /// `assert_unlinkable`: the module compiles but its instantiation fails
    /// with a link error.
    fn expect_unlinkable(&mut self, module: &mut Wat<'_>, message: &str) -> Result<(), String> {
        let compiled = compile_wat(&self.engine, module)?;
        match self.instantiate(&compiled) {
            Ok(_) => Err(format!(
                "module was instantiated, expected link error \"{message}\""
            )),
            Err(Failure::Engine(e)) if matches!(e.kind(), ErrorKind::Link(_)) => Ok(()),
            Err(f) => Err(format!("expected link error \"{message}\", got {f}")),
        }
    }
}

/// Encodes (parsing text when quoted) and compiles a module.
fn compile_quote(engine: &Engine, module: &mut QuoteWat<'_>) -> Result<Module, String> {
    let bytes = module
        .encode()
        .map_err(|e| format!("module does not parse: {}", e.message()))?;
    Module::new(engine, &bytes).map_err(|e| format!("module does not compile: {e}"))
}

/// Encodes and compiles a module given inline.
fn compile_wat(engine: &Engine, module: &mut Wat<'_>) -> Result<Module, String> {
    let bytes = module
        .encode()
        .map_err(|e| format!("module does not encode: {}", e.message()))?;
    Module::new(engine, &bytes).map_err(|e| format!("module does not compile: {e}"))
}

/// Compares the values an action produced with the expected results.
fn check_results(
    expected: &[wast::WastRet<'_>],
    got: &[Val],
    store: &Store<()>,
) -> Result<(), String> {
    if expected.len() != got.len() {
        return Err(format!(
            "expected {} results, got {} ({})",
            expected.len(),
            got.len(),
            values::vals_text(got, store)
        ));
    }
    for (i, (e, g)) in expected.iter().zip(got).enumerate() {
        values::check(e, g, store).map_err(|m| {
            if got.len() == 1 {
                m
            } else {
                format!("result {i}: {m}")
            }
        })?;
    }
    Ok(())
}

/// Passes when `failure` is a trap whose message contains `expected`, or
/// whose message the expected text starts with: the reference interpreter
/// appends details such as the element index ("uninitialized element 2").
fn expect_trap(failure: Failure, expected: &str) -> Result<(), String> {
    let trap: &Trap = match &failure {
        Failure::Engine(e) => match e.as_trap() {
            Some(t) => t,
            None => return Err(format!("expected trap \"{expected}\", got error: {e}")),
        },
        Failure::Runner(m) => return Err(format!("expected trap \"{expected}\", got: {m}")),
    };
    let message = trap.code().message();
    if message.contains(expected) || expected.starts_with(message) {
        Ok(())
    } else {
        Err(format!("expected trap \"{expected}\", got trap \"{trap}\""))
    }
}
