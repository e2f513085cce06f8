//! The opcode list: one table from which the enum, names and formats derive.

/// Calls `$m!` with the whole opcode list, one `Name Format "text"` line per
/// opcode, the SIMD ones (`ir/simd_ops.rs`) last. Every per-opcode table in
/// wisp is generated from this list.
///
/// Accumulator forms carry a suffix naming where the destination, left and
/// right operands live: `s` a frame slot, `a` the `f64` accumulator, and for
/// the destination `b` both. The plain form is `sss`; `f64.add.ass` computes
/// `slot + slot` into the accumulator, `f64.mul.sas` multiplies the
/// accumulator by a slot into a slot. The fields of an accumulator operand
/// keep the slot the value would otherwise have used (ignored when
/// executing). The twelve forms of an operator are consecutive, in the order
/// `sss ssa sas saa ass asa aas aaa bss bsa bas baa` (see
/// `translate/accumulator.rs`).
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $crate::with_simd_ops! { $m
            Data Data "data"
            Unreachable None "unreachable"
            Br Br "br"
            BrIfNez BrIf "br_if_nez"
            BrIfNezA BrIf "br_if_nez.a"
            BrIfEqz BrIf "br_if_eqz"
            BrIfEqzA BrIf "br_if_eqz.a"
            BrTable BrTable "br_table"
            Return0 None "return"
            Return1 Slot "return1"
            ReturnSpan Span "return_span"
            Call Call "call"
            CallIndirect CallIndirect "call_indirect"
            ReturnCall Call "return_call"
            ReturnCallIndirect CallIndirect "return_call_indirect"
            CallRef CallRef "call_ref"
            ReturnCallRef CallRef "return_call_ref"
            RefAsNonNull Slot "ref.as_non_null"
            Throw Throw "throw"
            ThrowRef Slot "throw_ref"
            Copy Un "copy"
            Const32 Const32 "const32"
            ConstI64S32 Const32 "const_i64_s32"
            Const64 Const64 "const64"
            Select Select "select"
            GlobalGet SlotIndex "global.get"
            GlobalSet SlotIndex "global.set"
            GlobalGet128 WideSlotIndex "global.get128"
            GlobalSet128 WideSlotIndex "global.set128"
            BrI32Eq BrCmp "br_i32.eq"
            BrI32EqA BrCmp "br_i32.eq.as"
            BrI32EqImm BrCmpImm "br_i32.eq_imm"
            BrI32EqImmA BrCmpImm "br_i32.eq_imm.a"
            BrI32Ne BrCmp "br_i32.ne"
            BrI32NeA BrCmp "br_i32.ne.as"
            BrI32NeImm BrCmpImm "br_i32.ne_imm"
            BrI32NeImmA BrCmpImm "br_i32.ne_imm.a"
            BrI32LtS BrCmp "br_i32.lt_s"
            BrI32LtSA BrCmp "br_i32.lt_s.as"
            BrI32LtSImm BrCmpImm "br_i32.lt_s_imm"
            BrI32LtSImmA BrCmpImm "br_i32.lt_s_imm.a"
            BrI32LtU BrCmp "br_i32.lt_u"
            BrI32LtUA BrCmp "br_i32.lt_u.as"
            BrI32LtUImm BrCmpImm "br_i32.lt_u_imm"
            BrI32LtUImmA BrCmpImm "br_i32.lt_u_imm.a"
            BrI32GtS BrCmp "br_i32.gt_s"
            BrI32GtSA BrCmp "br_i32.gt_s.as"
            BrI32GtSImm BrCmpImm "br_i32.gt_s_imm"
            BrI32GtSImmA BrCmpImm "br_i32.gt_s_imm.a"
            BrI32GtU BrCmp "br_i32.gt_u"
            BrI32GtUA BrCmp "br_i32.gt_u.as"
            BrI32GtUImm BrCmpImm "br_i32.gt_u_imm"
            BrI32GtUImmA BrCmpImm "br_i32.gt_u_imm.a"
            BrI32LeS BrCmp "br_i32.le_s"
            BrI32LeSA BrCmp "br_i32.le_s.as"
            BrI32LeSImm BrCmpImm "br_i32.le_s_imm"
            BrI32LeSImmA BrCmpImm "br_i32.le_s_imm.a"
            BrI32LeU BrCmp "br_i32.le_u"
            BrI32LeUA BrCmp "br_i32.le_u.as"
            BrI32LeUImm BrCmpImm "br_i32.le_u_imm"
            BrI32LeUImmA BrCmpImm "br_i32.le_u_imm.a"
            BrI32GeS BrCmp "br_i32.ge_s"
            BrI32GeSA BrCmp "br_i32.ge_s.as"
            BrI32GeSImm BrCmpImm "br_i32.ge_s_imm"
            BrI32GeSImmA BrCmpImm "br_i32.ge_s_imm.a"
            BrI32GeU BrCmp "br_i32.ge_u"
            BrI32GeUA BrCmp "br_i32.ge_u.as"
            BrI32GeUImm BrCmpImm "br_i32.ge_u_imm"
            BrI32GeUImmA BrCmpImm "br_i32.ge_u_imm.a"
            BrI64Eq BrCmp "br_i64.eq"
            BrI64EqA BrCmp "br_i64.eq.as"
            BrI64EqImm BrCmpImm "br_i64.eq_imm"
            BrI64EqImmA BrCmpImm "br_i64.eq_imm.a"
            BrI64Ne BrCmp "br_i64.ne"
            BrI64NeA BrCmp "br_i64.ne.as"
            BrI64NeImm BrCmpImm "br_i64.ne_imm"
            BrI64NeImmA BrCmpImm "br_i64.ne_imm.a"
            BrI64LtS BrCmp "br_i64.lt_s"
            BrI64LtSA BrCmp "br_i64.lt_s.as"
            BrI64LtSImm BrCmpImm "br_i64.lt_s_imm"
            BrI64LtSImmA BrCmpImm "br_i64.lt_s_imm.a"
            BrI64LtU BrCmp "br_i64.lt_u"
            BrI64LtUA BrCmp "br_i64.lt_u.as"
            BrI64LtUImm BrCmpImm "br_i64.lt_u_imm"
            BrI64LtUImmA BrCmpImm "br_i64.lt_u_imm.a"
            BrI64GtS BrCmp "br_i64.gt_s"
            BrI64GtSA BrCmp "br_i64.gt_s.as"
            BrI64GtSImm BrCmpImm "br_i64.gt_s_imm"
            BrI64GtSImmA BrCmpImm "br_i64.gt_s_imm.a"
            BrI64GtU BrCmp "br_i64.gt_u"
            BrI64GtUA BrCmp "br_i64.gt_u.as"
            BrI64GtUImm BrCmpImm "br_i64.gt_u_imm"
            BrI64GtUImmA BrCmpImm "br_i64.gt_u_imm.a"
            BrI64LeS BrCmp "br_i64.le_s"
            BrI64LeSA BrCmp "br_i64.le_s.as"
            BrI64LeSImm BrCmpImm "br_i64.le_s_imm"
            BrI64LeSImmA BrCmpImm "br_i64.le_s_imm.a"
            BrI64LeU BrCmp "br_i64.le_u"
            BrI64LeUA BrCmp "br_i64.le_u.as"
            BrI64LeUImm BrCmpImm "br_i64.le_u_imm"
            BrI64LeUImmA BrCmpImm "br_i64.le_u_imm.a"
            BrI64GeS BrCmp "br_i64.ge_s"
            BrI64GeSA BrCmp "br_i64.ge_s.as"
            BrI64GeSImm BrCmpImm "br_i64.ge_s_imm"
            BrI64GeSImmA BrCmpImm "br_i64.ge_s_imm.a"
            BrI64GeU BrCmp "br_i64.ge_u"
            BrI64GeUA BrCmp "br_i64.ge_u.as"
            BrI64GeUImm BrCmpImm "br_i64.ge_u_imm"
            BrI64GeUImmA BrCmpImm "br_i64.ge_u_imm.a"
            BrF32Eq BrCmp "br_f32.eq"
            BrF32Ne BrCmp "br_f32.ne"
            BrF32Lt BrCmp "br_f32.lt"
            BrF32Gt BrCmp "br_f32.gt"
            BrF32Le BrCmp "br_f32.le"
            BrF32Ge BrCmp "br_f32.ge"
            BrF32NotLt BrCmp "br_f32.not_lt"
            BrF32NotGt BrCmp "br_f32.not_gt"
            BrF32NotLe BrCmp "br_f32.not_le"
            BrF32NotGe BrCmp "br_f32.not_ge"
            BrF64Eq BrCmp "br_f64.eq"
            BrF64EqA BrCmp "br_f64.eq.as"
            BrF64Ne BrCmp "br_f64.ne"
            BrF64NeA BrCmp "br_f64.ne.as"
            BrF64Lt BrCmp "br_f64.lt"
            BrF64LtA BrCmp "br_f64.lt.as"
            BrF64Gt BrCmp "br_f64.gt"
            BrF64GtA BrCmp "br_f64.gt.as"
            BrF64Le BrCmp "br_f64.le"
            BrF64LeA BrCmp "br_f64.le.as"
            BrF64Ge BrCmp "br_f64.ge"
            BrF64GeA BrCmp "br_f64.ge.as"
            BrF64NotLt BrCmp "br_f64.not_lt"
            BrF64NotLtA BrCmp "br_f64.not_lt.as"
            BrF64NotGt BrCmp "br_f64.not_gt"
            BrF64NotGtA BrCmp "br_f64.not_gt.as"
            BrF64NotLe BrCmp "br_f64.not_le"
            BrF64NotLeA BrCmp "br_f64.not_le.as"
            BrF64NotGe BrCmp "br_f64.not_ge"
            BrF64NotGeA BrCmp "br_f64.not_ge.as"
            I32Eqz Un "i32.eqz"
            I32Eq Bin "i32.eq"
            I32EqImm BinImm "i32.eq_imm"
            I32Ne Bin "i32.ne"
            I32NeImm BinImm "i32.ne_imm"
            I32LtS Bin "i32.lt_s"
            I32LtSImm BinImm "i32.lt_s_imm"
            I32LtU Bin "i32.lt_u"
            I32LtUImm BinImm "i32.lt_u_imm"
            I32GtS Bin "i32.gt_s"
            I32GtSImm BinImm "i32.gt_s_imm"
            I32GtU Bin "i32.gt_u"
            I32GtUImm BinImm "i32.gt_u_imm"
            I32LeS Bin "i32.le_s"
            I32LeSImm BinImm "i32.le_s_imm"
            I32LeU Bin "i32.le_u"
            I32LeUImm BinImm "i32.le_u_imm"
            I32GeS Bin "i32.ge_s"
            I32GeSImm BinImm "i32.ge_s_imm"
            I32GeU Bin "i32.ge_u"
            I32GeUImm BinImm "i32.ge_u_imm"
            I32Clz Un "i32.clz"
            I32Ctz Un "i32.ctz"
            I32Popcnt Un "i32.popcnt"
            I32Add Bin "i32.add"
            I32AddSsa Bin "i32.add.ssa"
            I32AddSas Bin "i32.add.sas"
            I32AddSaa Bin "i32.add.saa"
            I32AddAss Bin "i32.add.ass"
            I32AddAsa Bin "i32.add.asa"
            I32AddAas Bin "i32.add.aas"
            I32AddAaa Bin "i32.add.aaa"
            I32AddBss Bin "i32.add.bss"
            I32AddBsa Bin "i32.add.bsa"
            I32AddBas Bin "i32.add.bas"
            I32AddBaa Bin "i32.add.baa"
            I32Sub Bin "i32.sub"
            I32SubSsa Bin "i32.sub.ssa"
            I32SubSas Bin "i32.sub.sas"
            I32SubSaa Bin "i32.sub.saa"
            I32SubAss Bin "i32.sub.ass"
            I32SubAsa Bin "i32.sub.asa"
            I32SubAas Bin "i32.sub.aas"
            I32SubAaa Bin "i32.sub.aaa"
            I32SubBss Bin "i32.sub.bss"
            I32SubBsa Bin "i32.sub.bsa"
            I32SubBas Bin "i32.sub.bas"
            I32SubBaa Bin "i32.sub.baa"
            I32Mul Bin "i32.mul"
            I32MulSsa Bin "i32.mul.ssa"
            I32MulSas Bin "i32.mul.sas"
            I32MulSaa Bin "i32.mul.saa"
            I32MulAss Bin "i32.mul.ass"
            I32MulAsa Bin "i32.mul.asa"
            I32MulAas Bin "i32.mul.aas"
            I32MulAaa Bin "i32.mul.aaa"
            I32MulBss Bin "i32.mul.bss"
            I32MulBsa Bin "i32.mul.bsa"
            I32MulBas Bin "i32.mul.bas"
            I32MulBaa Bin "i32.mul.baa"
            I32DivS Bin "i32.div_s"
            I32DivU Bin "i32.div_u"
            I32DivUSsa Bin "i32.div_u.ssa"
            I32DivUSas Bin "i32.div_u.sas"
            I32DivUSaa Bin "i32.div_u.saa"
            I32DivUAss Bin "i32.div_u.ass"
            I32DivUAsa Bin "i32.div_u.asa"
            I32DivUAas Bin "i32.div_u.aas"
            I32DivUAaa Bin "i32.div_u.aaa"
            I32DivUBss Bin "i32.div_u.bss"
            I32DivUBsa Bin "i32.div_u.bsa"
            I32DivUBas Bin "i32.div_u.bas"
            I32DivUBaa Bin "i32.div_u.baa"
            I32RemS Bin "i32.rem_s"
            I32RemU Bin "i32.rem_u"
            I32RemUSsa Bin "i32.rem_u.ssa"
            I32RemUSas Bin "i32.rem_u.sas"
            I32RemUSaa Bin "i32.rem_u.saa"
            I32RemUAss Bin "i32.rem_u.ass"
            I32RemUAsa Bin "i32.rem_u.asa"
            I32RemUAas Bin "i32.rem_u.aas"
            I32RemUAaa Bin "i32.rem_u.aaa"
            I32RemUBss Bin "i32.rem_u.bss"
            I32RemUBsa Bin "i32.rem_u.bsa"
            I32RemUBas Bin "i32.rem_u.bas"
            I32RemUBaa Bin "i32.rem_u.baa"
            I32And Bin "i32.and"
            I32AndSsa Bin "i32.and.ssa"
            I32AndSas Bin "i32.and.sas"
            I32AndSaa Bin "i32.and.saa"
            I32AndAss Bin "i32.and.ass"
            I32AndAsa Bin "i32.and.asa"
            I32AndAas Bin "i32.and.aas"
            I32AndAaa Bin "i32.and.aaa"
            I32AndBss Bin "i32.and.bss"
            I32AndBsa Bin "i32.and.bsa"
            I32AndBas Bin "i32.and.bas"
            I32AndBaa Bin "i32.and.baa"
            I32Or Bin "i32.or"
            I32OrSsa Bin "i32.or.ssa"
            I32OrSas Bin "i32.or.sas"
            I32OrSaa Bin "i32.or.saa"
            I32OrAss Bin "i32.or.ass"
            I32OrAsa Bin "i32.or.asa"
            I32OrAas Bin "i32.or.aas"
            I32OrAaa Bin "i32.or.aaa"
            I32OrBss Bin "i32.or.bss"
            I32OrBsa Bin "i32.or.bsa"
            I32OrBas Bin "i32.or.bas"
            I32OrBaa Bin "i32.or.baa"
            I32Xor Bin "i32.xor"
            I32XorSsa Bin "i32.xor.ssa"
            I32XorSas Bin "i32.xor.sas"
            I32XorSaa Bin "i32.xor.saa"
            I32XorAss Bin "i32.xor.ass"
            I32XorAsa Bin "i32.xor.asa"
            I32XorAas Bin "i32.xor.aas"
            I32XorAaa Bin "i32.xor.aaa"
            I32XorBss Bin "i32.xor.bss"
            I32XorBsa Bin "i32.xor.bsa"
            I32XorBas Bin "i32.xor.bas"
            I32XorBaa Bin "i32.xor.baa"
            I32Shl Bin "i32.shl"
            I32ShrS Bin "i32.shr_s"
            I32ShrU Bin "i32.shr_u"
            I32ShrUSsa Bin "i32.shr_u.ssa"
            I32ShrUSas Bin "i32.shr_u.sas"
            I32ShrUSaa Bin "i32.shr_u.saa"
            I32ShrUAss Bin "i32.shr_u.ass"
            I32ShrUAsa Bin "i32.shr_u.asa"
            I32ShrUAas Bin "i32.shr_u.aas"
            I32ShrUAaa Bin "i32.shr_u.aaa"
            I32ShrUBss Bin "i32.shr_u.bss"
            I32ShrUBsa Bin "i32.shr_u.bsa"
            I32ShrUBas Bin "i32.shr_u.bas"
            I32ShrUBaa Bin "i32.shr_u.baa"
            I32Rotl Bin "i32.rotl"
            I32RotlSsa Bin "i32.rotl.ssa"
            I32RotlSas Bin "i32.rotl.sas"
            I32RotlSaa Bin "i32.rotl.saa"
            I32RotlAss Bin "i32.rotl.ass"
            I32RotlAsa Bin "i32.rotl.asa"
            I32RotlAas Bin "i32.rotl.aas"
            I32RotlAaa Bin "i32.rotl.aaa"
            I32RotlBss Bin "i32.rotl.bss"
            I32RotlBsa Bin "i32.rotl.bsa"
            I32RotlBas Bin "i32.rotl.bas"
            I32RotlBaa Bin "i32.rotl.baa"
            I32Rotr Bin "i32.rotr"
            I32AddImm BinImm "i32.add_imm"
            I32AddImmSa BinImm "i32.add_imm.sa"
            I32AddImmAs BinImm "i32.add_imm.as"
            I32AddImmAa BinImm "i32.add_imm.aa"
            I32AddImmBs BinImm "i32.add_imm.bs"
            I32AddImmBa BinImm "i32.add_imm.ba"
            I32MulImm BinImm "i32.mul_imm"
            I32MulImmSa BinImm "i32.mul_imm.sa"
            I32MulImmAs BinImm "i32.mul_imm.as"
            I32MulImmAa BinImm "i32.mul_imm.aa"
            I32MulImmBs BinImm "i32.mul_imm.bs"
            I32MulImmBa BinImm "i32.mul_imm.ba"
            I32AndImm BinImm "i32.and_imm"
            I32AndImmSa BinImm "i32.and_imm.sa"
            I32AndImmAs BinImm "i32.and_imm.as"
            I32AndImmAa BinImm "i32.and_imm.aa"
            I32AndImmBs BinImm "i32.and_imm.bs"
            I32AndImmBa BinImm "i32.and_imm.ba"
            I32OrImm BinImm "i32.or_imm"
            I32OrImmSa BinImm "i32.or_imm.sa"
            I32OrImmAs BinImm "i32.or_imm.as"
            I32OrImmAa BinImm "i32.or_imm.aa"
            I32OrImmBs BinImm "i32.or_imm.bs"
            I32OrImmBa BinImm "i32.or_imm.ba"
            I32XorImm BinImm "i32.xor_imm"
            I32XorImmSa BinImm "i32.xor_imm.sa"
            I32XorImmAs BinImm "i32.xor_imm.as"
            I32XorImmAa BinImm "i32.xor_imm.aa"
            I32XorImmBs BinImm "i32.xor_imm.bs"
            I32XorImmBa BinImm "i32.xor_imm.ba"
            I32ShlImm BinImm "i32.shl_imm"
            I32ShlImmSa BinImm "i32.shl_imm.sa"
            I32ShlImmAs BinImm "i32.shl_imm.as"
            I32ShlImmAa BinImm "i32.shl_imm.aa"
            I32ShlImmBs BinImm "i32.shl_imm.bs"
            I32ShlImmBa BinImm "i32.shl_imm.ba"
            I32ShrSImm BinImm "i32.shr_s_imm"
            I32ShrUImm BinImm "i32.shr_u_imm"
            I32ShrUImmSa BinImm "i32.shr_u_imm.sa"
            I32ShrUImmAs BinImm "i32.shr_u_imm.as"
            I32ShrUImmAa BinImm "i32.shr_u_imm.aa"
            I32ShrUImmBs BinImm "i32.shr_u_imm.bs"
            I32ShrUImmBa BinImm "i32.shr_u_imm.ba"
            I32RotlImm BinImm "i32.rotl_imm"
            I32RotlImmSa BinImm "i32.rotl_imm.sa"
            I32RotlImmAs BinImm "i32.rotl_imm.as"
            I32RotlImmAa BinImm "i32.rotl_imm.aa"
            I32RotlImmBs BinImm "i32.rotl_imm.bs"
            I32RotlImmBa BinImm "i32.rotl_imm.ba"
            I32RotrImm BinImm "i32.rotr_imm"
            I32RotrImmSa BinImm "i32.rotr_imm.sa"
            I32RotrImmAs BinImm "i32.rotr_imm.as"
            I32RotrImmAa BinImm "i32.rotr_imm.aa"
            I32RotrImmBs BinImm "i32.rotr_imm.bs"
            I32RotrImmBa BinImm "i32.rotr_imm.ba"
            I32SubImmLhs BinImm "i32.sub_imm_lhs"
            I32SubImmLhsSa BinImm "i32.sub_imm_lhs.sa"
            I32SubImmLhsAs BinImm "i32.sub_imm_lhs.as"
            I32SubImmLhsAa BinImm "i32.sub_imm_lhs.aa"
            I32SubImmLhsBs BinImm "i32.sub_imm_lhs.bs"
            I32SubImmLhsBa BinImm "i32.sub_imm_lhs.ba"
            I64Eqz Un "i64.eqz"
            I64Eq Bin "i64.eq"
            I64EqImm BinImm "i64.eq_imm"
            I64Ne Bin "i64.ne"
            I64NeImm BinImm "i64.ne_imm"
            I64LtS Bin "i64.lt_s"
            I64LtSImm BinImm "i64.lt_s_imm"
            I64LtU Bin "i64.lt_u"
            I64LtUImm BinImm "i64.lt_u_imm"
            I64GtS Bin "i64.gt_s"
            I64GtSImm BinImm "i64.gt_s_imm"
            I64GtU Bin "i64.gt_u"
            I64GtUImm BinImm "i64.gt_u_imm"
            I64LeS Bin "i64.le_s"
            I64LeSImm BinImm "i64.le_s_imm"
            I64LeU Bin "i64.le_u"
            I64LeUImm BinImm "i64.le_u_imm"
            I64GeS Bin "i64.ge_s"
            I64GeSImm BinImm "i64.ge_s_imm"
            I64GeU Bin "i64.ge_u"
            I64GeUImm BinImm "i64.ge_u_imm"
            I64Clz Un "i64.clz"
            I64Ctz Un "i64.ctz"
            I64Popcnt Un "i64.popcnt"
            I64Add Bin "i64.add"
            I64AddSsa Bin "i64.add.ssa"
            I64AddSas Bin "i64.add.sas"
            I64AddSaa Bin "i64.add.saa"
            I64AddAss Bin "i64.add.ass"
            I64AddAsa Bin "i64.add.asa"
            I64AddAas Bin "i64.add.aas"
            I64AddAaa Bin "i64.add.aaa"
            I64AddBss Bin "i64.add.bss"
            I64AddBsa Bin "i64.add.bsa"
            I64AddBas Bin "i64.add.bas"
            I64AddBaa Bin "i64.add.baa"
            I64Sub Bin "i64.sub"
            I64Mul Bin "i64.mul"
            I64MulSsa Bin "i64.mul.ssa"
            I64MulSas Bin "i64.mul.sas"
            I64MulSaa Bin "i64.mul.saa"
            I64MulAss Bin "i64.mul.ass"
            I64MulAsa Bin "i64.mul.asa"
            I64MulAas Bin "i64.mul.aas"
            I64MulAaa Bin "i64.mul.aaa"
            I64MulBss Bin "i64.mul.bss"
            I64MulBsa Bin "i64.mul.bsa"
            I64MulBas Bin "i64.mul.bas"
            I64MulBaa Bin "i64.mul.baa"
            I64DivS Bin "i64.div_s"
            I64DivU Bin "i64.div_u"
            I64DivUSsa Bin "i64.div_u.ssa"
            I64DivUSas Bin "i64.div_u.sas"
            I64DivUSaa Bin "i64.div_u.saa"
            I64DivUAss Bin "i64.div_u.ass"
            I64DivUAsa Bin "i64.div_u.asa"
            I64DivUAas Bin "i64.div_u.aas"
            I64DivUAaa Bin "i64.div_u.aaa"
            I64DivUBss Bin "i64.div_u.bss"
            I64DivUBsa Bin "i64.div_u.bsa"
            I64DivUBas Bin "i64.div_u.bas"
            I64DivUBaa Bin "i64.div_u.baa"
            I64RemS Bin "i64.rem_s"
            I64RemSSsa Bin "i64.rem_s.ssa"
            I64RemSSas Bin "i64.rem_s.sas"
            I64RemSSaa Bin "i64.rem_s.saa"
            I64RemSAss Bin "i64.rem_s.ass"
            I64RemSAsa Bin "i64.rem_s.asa"
            I64RemSAas Bin "i64.rem_s.aas"
            I64RemSAaa Bin "i64.rem_s.aaa"
            I64RemSBss Bin "i64.rem_s.bss"
            I64RemSBsa Bin "i64.rem_s.bsa"
            I64RemSBas Bin "i64.rem_s.bas"
            I64RemSBaa Bin "i64.rem_s.baa"
            I64RemU Bin "i64.rem_u"
            I64And Bin "i64.and"
            I64AndSsa Bin "i64.and.ssa"
            I64AndSas Bin "i64.and.sas"
            I64AndSaa Bin "i64.and.saa"
            I64AndAss Bin "i64.and.ass"
            I64AndAsa Bin "i64.and.asa"
            I64AndAas Bin "i64.and.aas"
            I64AndAaa Bin "i64.and.aaa"
            I64AndBss Bin "i64.and.bss"
            I64AndBsa Bin "i64.and.bsa"
            I64AndBas Bin "i64.and.bas"
            I64AndBaa Bin "i64.and.baa"
            I64Or Bin "i64.or"
            I64OrSsa Bin "i64.or.ssa"
            I64OrSas Bin "i64.or.sas"
            I64OrSaa Bin "i64.or.saa"
            I64OrAss Bin "i64.or.ass"
            I64OrAsa Bin "i64.or.asa"
            I64OrAas Bin "i64.or.aas"
            I64OrAaa Bin "i64.or.aaa"
            I64OrBss Bin "i64.or.bss"
            I64OrBsa Bin "i64.or.bsa"
            I64OrBas Bin "i64.or.bas"
            I64OrBaa Bin "i64.or.baa"
            I64Xor Bin "i64.xor"
            I64XorSsa Bin "i64.xor.ssa"
            I64XorSas Bin "i64.xor.sas"
            I64XorSaa Bin "i64.xor.saa"
            I64XorAss Bin "i64.xor.ass"
            I64XorAsa Bin "i64.xor.asa"
            I64XorAas Bin "i64.xor.aas"
            I64XorAaa Bin "i64.xor.aaa"
            I64XorBss Bin "i64.xor.bss"
            I64XorBsa Bin "i64.xor.bsa"
            I64XorBas Bin "i64.xor.bas"
            I64XorBaa Bin "i64.xor.baa"
            I64Shl Bin "i64.shl"
            I64ShrS Bin "i64.shr_s"
            I64ShrU Bin "i64.shr_u"
            I64Rotl Bin "i64.rotl"
            I64Rotr Bin "i64.rotr"
            I64AddImm BinImm "i64.add_imm"
            I64AddImmSa BinImm "i64.add_imm.sa"
            I64AddImmAs BinImm "i64.add_imm.as"
            I64AddImmAa BinImm "i64.add_imm.aa"
            I64AddImmBs BinImm "i64.add_imm.bs"
            I64AddImmBa BinImm "i64.add_imm.ba"
            I64MulImm BinImm "i64.mul_imm"
            I64AndImm BinImm "i64.and_imm"
            I64AndImmSa BinImm "i64.and_imm.sa"
            I64AndImmAs BinImm "i64.and_imm.as"
            I64AndImmAa BinImm "i64.and_imm.aa"
            I64AndImmBs BinImm "i64.and_imm.bs"
            I64AndImmBa BinImm "i64.and_imm.ba"
            I64OrImm BinImm "i64.or_imm"
            I64OrImmSa BinImm "i64.or_imm.sa"
            I64OrImmAs BinImm "i64.or_imm.as"
            I64OrImmAa BinImm "i64.or_imm.aa"
            I64OrImmBs BinImm "i64.or_imm.bs"
            I64OrImmBa BinImm "i64.or_imm.ba"
            I64XorImm BinImm "i64.xor_imm"
            I64XorImmSa BinImm "i64.xor_imm.sa"
            I64XorImmAs BinImm "i64.xor_imm.as"
            I64XorImmAa BinImm "i64.xor_imm.aa"
            I64XorImmBs BinImm "i64.xor_imm.bs"
            I64XorImmBa BinImm "i64.xor_imm.ba"
            I64ShlImm BinImm "i64.shl_imm"
            I64ShlImmSa BinImm "i64.shl_imm.sa"
            I64ShlImmAs BinImm "i64.shl_imm.as"
            I64ShlImmAa BinImm "i64.shl_imm.aa"
            I64ShlImmBs BinImm "i64.shl_imm.bs"
            I64ShlImmBa BinImm "i64.shl_imm.ba"
            I64ShrSImm BinImm "i64.shr_s_imm"
            I64ShrUImm BinImm "i64.shr_u_imm"
            I64ShrUImmSa BinImm "i64.shr_u_imm.sa"
            I64ShrUImmAs BinImm "i64.shr_u_imm.as"
            I64ShrUImmAa BinImm "i64.shr_u_imm.aa"
            I64ShrUImmBs BinImm "i64.shr_u_imm.bs"
            I64ShrUImmBa BinImm "i64.shr_u_imm.ba"
            I64RotlImm BinImm "i64.rotl_imm"
            I64RotlImmSa BinImm "i64.rotl_imm.sa"
            I64RotlImmAs BinImm "i64.rotl_imm.as"
            I64RotlImmAa BinImm "i64.rotl_imm.aa"
            I64RotlImmBs BinImm "i64.rotl_imm.bs"
            I64RotlImmBa BinImm "i64.rotl_imm.ba"
            I64RotrImm BinImm "i64.rotr_imm"
            I64SubImmLhs BinImm "i64.sub_imm_lhs"
            F32Eq Bin "f32.eq"
            F32Ne Bin "f32.ne"
            F32Lt Bin "f32.lt"
            F32Gt Bin "f32.gt"
            F32Le Bin "f32.le"
            F32Ge Bin "f32.ge"
            F32Abs Un "f32.abs"
            F32Neg Un "f32.neg"
            F32Ceil Un "f32.ceil"
            F32Floor Un "f32.floor"
            F32Trunc Un "f32.trunc"
            F32Nearest Un "f32.nearest"
            F32Sqrt Un "f32.sqrt"
            F32Add Bin "f32.add"
            F32Sub Bin "f32.sub"
            F32Mul Bin "f32.mul"
            F32Div Bin "f32.div"
            F32Min Bin "f32.min"
            F32Max Bin "f32.max"
            F32Copysign Bin "f32.copysign"
            F64Eq Bin "f64.eq"
            F64Ne Bin "f64.ne"
            F64Lt Bin "f64.lt"
            F64Gt Bin "f64.gt"
            F64Le Bin "f64.le"
            F64Ge Bin "f64.ge"
            F64Abs Un "f64.abs"
            F64Neg Un "f64.neg"
            F64Ceil Un "f64.ceil"
            F64Floor Un "f64.floor"
            F64Trunc Un "f64.trunc"
            F64Nearest Un "f64.nearest"
            F64Sqrt Un "f64.sqrt"
            F64Min Bin "f64.min"
            F64Max Bin "f64.max"
            F64Copysign Bin "f64.copysign"
            F64Add Bin "f64.add"
            F64AddSsa Bin "f64.add.ssa"
            F64AddSas Bin "f64.add.sas"
            F64AddSaa Bin "f64.add.saa"
            F64AddAss Bin "f64.add.ass"
            F64AddAsa Bin "f64.add.asa"
            F64AddAas Bin "f64.add.aas"
            F64AddAaa Bin "f64.add.aaa"
            F64AddBss Bin "f64.add.bss"
            F64AddBsa Bin "f64.add.bsa"
            F64AddBas Bin "f64.add.bas"
            F64AddBaa Bin "f64.add.baa"
            F64Sub Bin "f64.sub"
            F64SubSsa Bin "f64.sub.ssa"
            F64SubSas Bin "f64.sub.sas"
            F64SubSaa Bin "f64.sub.saa"
            F64SubAss Bin "f64.sub.ass"
            F64SubAsa Bin "f64.sub.asa"
            F64SubAas Bin "f64.sub.aas"
            F64SubAaa Bin "f64.sub.aaa"
            F64SubBss Bin "f64.sub.bss"
            F64SubBsa Bin "f64.sub.bsa"
            F64SubBas Bin "f64.sub.bas"
            F64SubBaa Bin "f64.sub.baa"
            F64Mul Bin "f64.mul"
            F64MulSsa Bin "f64.mul.ssa"
            F64MulSas Bin "f64.mul.sas"
            F64MulSaa Bin "f64.mul.saa"
            F64MulAss Bin "f64.mul.ass"
            F64MulAsa Bin "f64.mul.asa"
            F64MulAas Bin "f64.mul.aas"
            F64MulAaa Bin "f64.mul.aaa"
            F64MulBss Bin "f64.mul.bss"
            F64MulBsa Bin "f64.mul.bsa"
            F64MulBas Bin "f64.mul.bas"
            F64MulBaa Bin "f64.mul.baa"
            F64Div Bin "f64.div"
            F64DivSsa Bin "f64.div.ssa"
            F64DivSas Bin "f64.div.sas"
            F64DivSaa Bin "f64.div.saa"
            F64DivAss Bin "f64.div.ass"
            F64DivAsa Bin "f64.div.asa"
            F64DivAas Bin "f64.div.aas"
            F64DivAaa Bin "f64.div.aaa"
            F64DivBss Bin "f64.div.bss"
            F64DivBsa Bin "f64.div.bsa"
            F64DivBas Bin "f64.div.bas"
            F64DivBaa Bin "f64.div.baa"
            I32WrapI64 Un "i32.wrap_i64"
            I32TruncF32S Un "i32.trunc_f32_s"
            I32TruncF32U Un "i32.trunc_f32_u"
            I32TruncF64S Un "i32.trunc_f64_s"
            I32TruncF64U Un "i32.trunc_f64_u"
            I64ExtendI32S Un "i64.extend_i32_s"
            I64TruncF32S Un "i64.trunc_f32_s"
            I64TruncF32U Un "i64.trunc_f32_u"
            I64TruncF64S Un "i64.trunc_f64_s"
            I64TruncF64U Un "i64.trunc_f64_u"
            F32ConvertI32S Un "f32.convert_i32_s"
            F32ConvertI32U Un "f32.convert_i32_u"
            F32ConvertI64S Un "f32.convert_i64_s"
            F32ConvertI64U Un "f32.convert_i64_u"
            F32DemoteF64 Un "f32.demote_f64"
            F64ConvertI32S Un "f64.convert_i32_s"
            F64ConvertI32U Un "f64.convert_i32_u"
            F64ConvertI64S Un "f64.convert_i64_s"
            F64ConvertI64U Un "f64.convert_i64_u"
            F64PromoteF32 Un "f64.promote_f32"
            I32Extend8S Un "i32.extend8_s"
            I32Extend16S Un "i32.extend16_s"
            I64Extend8S Un "i64.extend8_s"
            I64Extend16S Un "i64.extend16_s"
            I64Extend32S Un "i64.extend32_s"
            I64Add128 Span "i64.add128"
            I64Sub128 Span "i64.sub128"
            I64MulWideS Span "i64.mul_wide_s"
            I64MulWideU Span "i64.mul_wide_u"
            I32TruncSatF32S Un "i32.trunc_sat_f32_s"
            I32TruncSatF32U Un "i32.trunc_sat_f32_u"
            I32TruncSatF64S Un "i32.trunc_sat_f64_s"
            I32TruncSatF64U Un "i32.trunc_sat_f64_u"
            I64TruncSatF32S Un "i64.trunc_sat_f32_s"
            I64TruncSatF32U Un "i64.trunc_sat_f32_u"
            I64TruncSatF64S Un "i64.trunc_sat_f64_s"
            I64TruncSatF64U Un "i64.trunc_sat_f64_u"
            Load32 Load "load32"
            Load32Sa Load "load32.sa"
            Load32As Load "load32.as"
            Load32Aa Load "load32.aa"
            Load32Bs Load "load32.bs"
            Load32Ba Load "load32.ba"
            Load64 Load "load64"
            Load64Sa Load "load64.sa"
            Load64As Load "load64.as"
            Load64Aa Load "load64.aa"
            Load64Bs Load "load64.bs"
            Load64Ba Load "load64.ba"
            I32Load8S Load "i32.load8_s"
            I32Load8SSa Load "i32.load8_s.sa"
            I32Load8SAs Load "i32.load8_s.as"
            I32Load8SAa Load "i32.load8_s.aa"
            I32Load8SBs Load "i32.load8_s.bs"
            I32Load8SBa Load "i32.load8_s.ba"
            I32Load16S Load "i32.load16_s"
            I64Load8S Load "i64.load8_s"
            I64Load16S Load "i64.load16_s"
            I64Load32S Load "i64.load32_s"
            Load8U Load "load8_u"
            Load8USa Load "load8_u.sa"
            Load8UAs Load "load8_u.as"
            Load8UAa Load "load8_u.aa"
            Load8UBs Load "load8_u.bs"
            Load8UBa Load "load8_u.ba"
            Load16U Load "load16_u"
            Load16USa Load "load16_u.sa"
            Load16UAs Load "load16_u.as"
            Load16UAa Load "load16_u.aa"
            Load16UBs Load "load16_u.bs"
            Load16UBa Load "load16_u.ba"
            Store8 Store "store8"
            Store8Sa Store "store8.sa"
            Store8As Store "store8.as"
            Store8Aa Store "store8.aa"
            Store16 Store "store16"
            Store16Sa Store "store16.sa"
            Store16As Store "store16.as"
            Store16Aa Store "store16.aa"
            Store32 Store "store32"
            Store32Sa Store "store32.sa"
            Store32As Store "store32.as"
            Store32Aa Store "store32.aa"
            Store64 Store "store64"
            Store64Sa Store "store64.sa"
            Store64As Store "store64.as"
            Store64Aa Store "store64.aa"
            AddrOffset AddrOffset "addr_offset"
            MemorySize PageCount "memory.size"
            MemoryGrow Un "memory.grow"
            MemoryGrow64 Un "memory.grow64"
            AtomicLoad8 Load "atomic.load8_u"
            AtomicLoad16 Load "atomic.load16_u"
            AtomicLoad32 Load "atomic.load32"
            AtomicLoad64 Load "atomic.load64"
            AtomicStore8 Store "atomic.store8"
            AtomicStore16 Store "atomic.store16"
            AtomicStore32 Store "atomic.store32"
            AtomicStore64 Store "atomic.store64"
            AtomicAdd8 Atomic "atomic.rmw8.add"
            AtomicAdd16 Atomic "atomic.rmw16.add"
            AtomicAdd32 Atomic "atomic.rmw32.add"
            AtomicAdd64 Atomic "atomic.rmw64.add"
            AtomicSub8 Atomic "atomic.rmw8.sub"
            AtomicSub16 Atomic "atomic.rmw16.sub"
            AtomicSub32 Atomic "atomic.rmw32.sub"
            AtomicSub64 Atomic "atomic.rmw64.sub"
            AtomicAnd8 Atomic "atomic.rmw8.and"
            AtomicAnd16 Atomic "atomic.rmw16.and"
            AtomicAnd32 Atomic "atomic.rmw32.and"
            AtomicAnd64 Atomic "atomic.rmw64.and"
            AtomicOr8 Atomic "atomic.rmw8.or"
            AtomicOr16 Atomic "atomic.rmw16.or"
            AtomicOr32 Atomic "atomic.rmw32.or"
            AtomicOr64 Atomic "atomic.rmw64.or"
            AtomicXor8 Atomic "atomic.rmw8.xor"
            AtomicXor16 Atomic "atomic.rmw16.xor"
            AtomicXor32 Atomic "atomic.rmw32.xor"
            AtomicXor64 Atomic "atomic.rmw64.xor"
            AtomicXchg8 Atomic "atomic.rmw8.xchg"
            AtomicXchg16 Atomic "atomic.rmw16.xchg"
            AtomicXchg32 Atomic "atomic.rmw32.xchg"
            AtomicXchg64 Atomic "atomic.rmw64.xchg"
            AtomicCmpxchg8 Atomic "atomic.rmw8.cmpxchg"
            AtomicCmpxchg16 Atomic "atomic.rmw16.cmpxchg"
            AtomicCmpxchg32 Atomic "atomic.rmw32.cmpxchg"
            AtomicCmpxchg64 Atomic "atomic.rmw64.cmpxchg"
            AtomicWait32 Atomic "memory.atomic.wait32"
            AtomicWait64 Atomic "memory.atomic.wait64"
            AtomicNotify Atomic "memory.atomic.notify"
            AtomicFence None "atomic.fence"
            MemorySelect Index "memory.select"
            MemoryRestore None "memory.restore"
            MemoryFill ThreeData "memory.fill"
            MemoryCopy ThreeData "memory.copy"
            MemoryInit ThreeData "memory.init"
            DataDrop Index "data.drop"
            TableGet TableOp "table.get"
            TableSet TableOp "table.set"
            TableSize TableOp "table.size"
            TableGrow ThreeData "table.grow"
            TableGrow64 ThreeData "table.grow64"
            TableFill ThreeData "table.fill"
            TableCopy ThreeData "table.copy"
            TableInit ThreeData "table.init"
            ElemDrop Index "elem.drop"
            RefFunc SlotIndex "ref.func"
            RefI31 Un "ref.i31"
            I31GetS Un "i31.get_s"
            I31GetU Un "i31.get_u"
            StructNew Gc "struct.new"
            StructNewDefault Gc "struct.new_default"
            StructGet Gc "struct.get"
            StructGetS Gc "struct.get_s"
            StructGetU Gc "struct.get_u"
            StructSet Gc "struct.set"
            ArrayNew Gc "array.new"
            ArrayNewDefault Gc "array.new_default"
            ArrayNewFixed Gc "array.new_fixed"
            ArrayNewData Gc "array.new_data"
            ArrayNewElem Gc "array.new_elem"
            ArrayGet Gc "array.get"
            ArrayGetS Gc "array.get_s"
            ArrayGetU Gc "array.get_u"
            ArraySet Gc "array.set"
            ArrayLen Gc "array.len"
            ArrayFill Gc "array.fill"
            ArrayCopy Gc "array.copy"
            ArrayInitData Gc "array.init_data"
            ArrayInitElem Gc "array.init_elem"
            RefTest Gc "ref.test"
            RefCast Gc "ref.cast"
            ConsumeFuel Index "consume_fuel"
            CheckInterrupt None "check_interrupt"
            CheckEpoch None "check_epoch"
            CountHot None "count_hot"
        }
    };
}

/// How an opcode uses the fields of its [`Instr`](super::Instr) and whether
/// [`Op::Data`] words follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An extra word belonging to the previous instruction.
    Data,
    /// No operands.
    None,
    /// `a` = destination, `b` = source.
    Un,
    /// `a` = destination, `b` and `c` = operands.
    Bin,
    /// `a` = destination, `b` = operand, `c` = signed 16-bit immediate.
    BinImm,
    /// `a` = destination, `b|c` = 32-bit immediate.
    Const32,
    /// `a` = destination, `b|c` = low 32 bits; one data word holds the high 32 bits in `b|c`.
    Const64,
    /// `b|c` = signed 32-bit offset.
    Br,
    /// `a` = condition, `b|c` = signed 32-bit offset.
    BrIf,
    /// `a`, `b` = operands, `c` = signed 16-bit offset.
    BrCmp,
    /// `a` = operand, `b` = signed 16-bit immediate, `c` = signed 16-bit offset.
    BrCmpImm,
    /// `a` = index, `b|c` = number of targets `n`; `n + 1` data words follow,
    /// each an offset in `b|c` (the last is the default).
    BrTable,
    /// `a` = slot.
    Slot,
    /// `a` = destination, `c` = log2 of the memory's page size.
    PageCount,
    /// `a` = first slot, `b` = number of slots.
    Span,
    /// `a` = callee frame offset, `b|c` = function index.
    Call,
    /// `a` = callee frame offset, `b` = index slot, `c` = table; one data word: type index in `b|c`.
    CallIndirect,
    /// `a` = callee frame offset, `b` = slot of the function reference.
    CallRef,
    /// `a` = first slot of the payload (as many as the tag's parameters
    /// take), `b|c` = tag index.
    Throw,
    /// `a` = destination, `b` = condition; one data word: `a` = if true, `b` = if false.
    Select,
    /// `a` = slot, `b|c` = an index (global, function).
    SlotIndex,
    /// `a` = the first of two slots holding a `v128`, `b|c` = an index (global).
    WideSlotIndex,
    /// `b|c` = an index (segment) or a count (fuel).
    Index,
    /// `a` = destination, `b` = address, `c` = static offset.
    Load,
    /// `a` = address, `b` = value, `c` = static offset.
    Store,
    /// `a` = destination, `b` = address; one data word: a 48-bit offset, its
    /// low 32 bits in `b|c`, its high 16 bits in `a`.
    AddrOffset,
    /// `a`, `b`, `c` = slots.
    Three,
    /// `a`, `b`, `c` = slots; one data word: `a` = a table or memory, `b|c` = an index.
    ThreeData,
    /// `a`, `b` = slots, `c` = table index.
    TableOp,
    /// `a` = destination pair, `b` = source pair (a `v128` field names the
    /// low slot of two; the high half is the next slot).
    V128Un,
    /// `a` = destination pair, `b`, `c` = operand pairs.
    V128Bin,
    /// `a` = destination pair, `b`, `c` = the first two operand pairs; one
    /// data word: `a` = the third (a mask, an addend, the shuffle's lane
    /// indices as a constant pair).
    V128Ternary,
    /// `a` = destination pair, `b` = source pair, `c` = the shift count
    /// (an `i32` slot).
    V128Shift,
    /// `a` = destination pair, `b` = the scalar slot.
    V128Splat,
    /// `a` = destination (`i32`), `b` = source pair.
    V128Test,
    /// `a` = destination (scalar), `b` = source pair, `c` = the lane.
    V128Extract,
    /// `a` = destination pair, `b` = source pair, `c` = the lane; one data
    /// word: `a` = the scalar slot.
    V128Replace,
    /// `a` = destination pair, `b` = address, `c` = static offset.
    V128Load,
    /// `a` = address, `b` = value pair, `c` = static offset.
    V128Store,
    /// `a` = destination pair, `b` = address, `c` = static offset; one
    /// data word: `a` = the source pair, `b` = the lane.
    V128LoadLane,
    /// `a` = address, `b` = value pair, `c` = static offset; one data
    /// word: `b` = the lane.
    V128StoreLane,
    /// An atomic read-modify-write, `memory.atomic.wait` or `notify`: `a` =
    /// destination, `b` = address, `c` = static offset; one data word: `a`
    /// = the operand (value, expected value, count), `b` = the second one
    /// (`cmpxchg`'s replacement, `wait`'s timeout; else it repeats `a`),
    /// `c` = the memory (the instance's index). Atomic loads and stores
    /// are [`Format::Load`] and [`Format::Store`].
    Atomic,
    /// A GC operation (`runtime/gc_ops.rs` says what each reads): `a`, `b`,
    /// `c` = slots (one that the operation does not use repeats `a`; a
    /// `v128` operand names the low slot of its pair; an operation with
    /// more operands than three finds them in consecutive slots from `b`);
    /// two data words: a type index (for `ref.test`/`ref.cast` a heap type,
    /// [`GcHeapType`](super::GcHeapType)) in the first's `b|c` and, for a
    /// field or element access, the field's kind in its `a`; a second value
    /// (a struct field's byte offset, a segment, a count, a second type,
    /// nullability) in the second's `b|c`.
    Gc,
}

macro_rules! define_ops {
    ($($name:ident $format:ident $text:literal)*) => {
        /// An IR opcode. See [`for_each_op!`](crate::for_each_op) for the list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[allow(missing_docs)]
        pub enum Op {
            $($name,)*
        }

        impl Op {
            /// Every opcode, in declaration order.
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];

            /// The opcode's name as `--dump-ir` prints it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Op::$name => $text,)*
                }
            }

            /// How the opcode uses its operand fields.
            pub const fn format(self) -> Format {
                match self {
                    $(Op::$name => Format::$format,)*
                }
            }
        }
    };
}
for_each_op!(define_ops);

impl Op {
    /// Whether the opcode calls a function (and so has a stack map): the
    /// calls and the tail calls, which call when the callee is the host's.
    pub const fn is_call(self) -> bool {
        matches!(
            self,
            Op::Call
                | Op::CallIndirect
                | Op::ReturnCall
                | Op::ReturnCallIndirect
                | Op::CallRef
                | Op::ReturnCallRef
        )
    }

    /// Whether the opcode is one of the threads proposal's atomic
    /// instructions (declared consecutively, from `atomic.load8_u` to
    /// `atomic.fence`).
    pub const fn is_atomic(self) -> bool {
        self as u16 >= Op::AtomicLoad8 as u16 && self as u16 <= Op::AtomicFence as u16
    }

    /// Whether the GC operations' executor performs the opcode (every
    /// instruction of [`Format::Gc`]).
    pub const fn is_gc(self) -> bool {
        matches!(self.format(), Format::Gc)
    }

    /// Whether an instruction of this opcode allocates in the GC heap, and
    /// so may collect: a point where the translator records a stack map,
    /// as it does at calls.
    pub const fn allocates(self) -> bool {
        matches!(
            self,
            Op::StructNew
                | Op::StructNewDefault
                | Op::ArrayNew
                | Op::ArrayNewDefault
                | Op::ArrayNewFixed
                | Op::ArrayNewData
                | Op::ArrayNewElem
        )
    }

    /// Whether an instruction of this opcode can trap or call: the
    /// instructions the translator records a Wasm offset for (backtraces,
    /// and the trap sites of compiled code). Accumulator forms answer as
    /// their operator does. One table lookup (the translator asks for every
    /// instruction it emits).
    #[inline]
    pub fn may_trap(self) -> bool {
        MAY_TRAP[self as usize]
    }
}

/// [`Op::may_trap`] of every opcode.
static MAY_TRAP: [bool; Op::ALL.len()] = {
    let mut table = [false; Op::ALL.len()];
    let mut k = 0;
    while k < Op::ALL.len() {
        table[k] = Op::ALL[k].computes_may_trap();
        k += 1;
    }
    table
};

impl Op {
    /// The definition behind [`Op::may_trap`].
    const fn computes_may_trap(self) -> bool {
        use Op::*;
        matches!(
            self.format(),
            Format::Gc
                | Format::Atomic
                | Format::Load
                | Format::Store
                | Format::V128Load
                | Format::V128Store
                | Format::V128LoadLane
                | Format::V128StoreLane
        ) || matches!(
            super::forms::base_of(self),
            Unreachable
                | Call
                | CallIndirect
                | ReturnCall
                | ReturnCallIndirect
                | CallRef
                | ReturnCallRef
                | RefAsNonNull
                | Throw
                | ThrowRef
                | I32DivS
                | I32DivU
                | I32RemS
                | I32RemU
                | I64DivS
                | I64DivU
                | I64RemS
                | I64RemU
                | I32TruncF32S
                | I32TruncF32U
                | I32TruncF64S
                | I32TruncF64U
                | I64TruncF32S
                | I64TruncF32U
                | I64TruncF64S
                | I64TruncF64U
                | MemoryFill
                | MemoryCopy
                | MemoryInit
                | TableGet
                | TableSet
                | TableFill
                | TableCopy
                | TableInit
                | I31GetS
                | I31GetU
                | ConsumeFuel
                | CheckInterrupt
                | CheckEpoch
        )
    }
}

/// Which fields of an instruction (and of its first data word) name frame
/// slots, for one [`Format`]: the one table that the translator's slot
/// relocation and the IR verifier read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SlotFields {
    /// Field `a` is a slot.
    pub a: bool,
    /// Field `b` is a slot.
    pub b: bool,
    /// Field `c` is a slot.
    pub c: bool,
    /// Field `a` of the data word is a slot.
    pub data_a: bool,
    /// Field `b` of the data word is a slot.
    pub data_b: bool,
    /// Field `a` names the low slot of a pair (a `v128`).
    pub wide_a: bool,
    /// Field `b` names the low slot of a pair.
    pub wide_b: bool,
    /// Field `c` names the low slot of a pair.
    pub wide_c: bool,
    /// Field `a` of the data word names the low slot of a pair.
    pub wide_data_a: bool,
}

impl Format {
    /// Which fields name slots. For [`Format::Call`],
    /// [`Format::CallIndirect`] and [`Format::CallRef`], `a` is where the callee's frame starts
    /// (at most the caller's frame size), for [`Format::Throw`] where the
    /// payload starts (likewise); for [`Format::Span`], `a` starts a
    /// run of `b` slots. A wide field names the low slot of a pair.
    pub const fn slot_fields(self) -> SlotFields {
        const fn fields(a: bool, b: bool, c: bool) -> SlotFields {
            SlotFields {
                a,
                b,
                c,
                data_a: false,
                data_b: false,
                wide_a: false,
                wide_b: false,
                wide_c: false,
                wide_data_a: false,
            }
        }
        /// Slot fields `a`, `b`, `c`, of which those in `wide` are pairs.
        const fn v128(a: bool, b: bool, c: bool, wide: [bool; 3]) -> SlotFields {
            SlotFields {
                wide_a: wide[0],
                wide_b: wide[1],
                wide_c: wide[2],
                ..fields(a, b, c)
            }
        }
        const PAIR: bool = true;
        const ONE: bool = false;
        match self {
            Format::WideSlotIndex => v128(true, false, false, [PAIR, ONE, ONE]),
            Format::V128Un | Format::V128Splat => v128(true, true, false, [PAIR, ONE, ONE]),
            Format::V128Bin => v128(true, true, true, [PAIR, PAIR, PAIR]),
            Format::V128Ternary => SlotFields {
                data_a: true,
                wide_data_a: true,
                ..v128(true, true, true, [PAIR, PAIR, PAIR])
            },
            Format::V128Shift => v128(true, true, true, [PAIR, PAIR, ONE]),
            Format::V128Test | Format::V128Extract => v128(true, true, false, [ONE, PAIR, ONE]),
            Format::V128Replace => SlotFields {
                data_a: true,
                ..v128(true, true, false, [PAIR, PAIR, ONE])
            },
            Format::V128Load => v128(true, true, false, [PAIR, ONE, ONE]),
            Format::V128Store | Format::V128StoreLane => v128(true, true, false, [ONE, PAIR, ONE]),
            Format::V128LoadLane => SlotFields {
                data_a: true,
                wide_data_a: true,
                ..v128(true, true, false, [PAIR, ONE, ONE])
            },
            Format::Data | Format::None | Format::Br | Format::Index => fields(false, false, false),
            Format::Un
            | Format::BinImm
            | Format::BrCmp
            | Format::Load
            | Format::Store
            | Format::AddrOffset
            | Format::TableOp
            | Format::CallIndirect
            | Format::CallRef => fields(true, true, false),
            Format::Throw => fields(true, false, false),
            Format::Bin | Format::Three | Format::ThreeData | Format::Gc => {
                fields(true, true, true)
            }
            Format::Const32
            | Format::Const64
            | Format::BrIf
            | Format::BrCmpImm
            | Format::Slot
            | Format::PageCount
            | Format::Span
            | Format::Call
            | Format::SlotIndex
            | Format::BrTable => fields(true, false, false),
            Format::Select | Format::Atomic => SlotFields {
                data_a: true,
                data_b: true,
                ..fields(true, true, false)
            },
        }
    }

    /// How many [`Op::Data`] words follow an instruction of this format
    /// (for [`Format::BrTable`], the count is `b|c + 1` instead).
    pub const fn data_words(self) -> usize {
        match self {
            Format::Const64
            | Format::CallIndirect
            | Format::Select
            | Format::AddrOffset
            | Format::ThreeData
            | Format::V128Ternary
            | Format::V128Replace
            | Format::V128LoadLane
            | Format::V128StoreLane
            | Format::Atomic => 1,
            Format::Gc => 2,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: alloc::vec::Vec<_> = Op::ALL.iter().map(|o| o.name()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
