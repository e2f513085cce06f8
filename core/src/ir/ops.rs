//! The opcode list: one table from which the enum, names and formats derive.

/// Calls `$m!` with the whole opcode list, one `Name Format "text"` line per
/// opcode. Every per-opcode table in wisp is generated from this list.
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
        $m! {
            Data Data "data"
            Unreachable None "unreachable"
            Br Br "br"
            BrIfNez BrIf "br_if_nez"
            BrIfEqz BrIf "br_if_eqz"
            BrTable BrTable "br_table"
            Return0 None "return"
            Return1 Slot "return1"
            ReturnSpan Span "return_span"
            Call Call "call"
            CallIndirect CallIndirect "call_indirect"
            Copy Un "copy"
            Const32 Const32 "const32"
            ConstI64S32 Const32 "const_i64_s32"
            Const64 Const64 "const64"
            Select Select "select"
            GlobalGet SlotIndex "global.get"
            GlobalSet SlotIndex "global.set"
            BrI32Eq BrCmp "br_i32.eq"
            BrI32EqImm BrCmpImm "br_i32.eq_imm"
            BrI32Ne BrCmp "br_i32.ne"
            BrI32NeImm BrCmpImm "br_i32.ne_imm"
            BrI32LtS BrCmp "br_i32.lt_s"
            BrI32LtSImm BrCmpImm "br_i32.lt_s_imm"
            BrI32LtU BrCmp "br_i32.lt_u"
            BrI32LtUImm BrCmpImm "br_i32.lt_u_imm"
            BrI32GtS BrCmp "br_i32.gt_s"
            BrI32GtSImm BrCmpImm "br_i32.gt_s_imm"
            BrI32GtU BrCmp "br_i32.gt_u"
            BrI32GtUImm BrCmpImm "br_i32.gt_u_imm"
            BrI32LeS BrCmp "br_i32.le_s"
            BrI32LeSImm BrCmpImm "br_i32.le_s_imm"
            BrI32LeU BrCmp "br_i32.le_u"
            BrI32LeUImm BrCmpImm "br_i32.le_u_imm"
            BrI32GeS BrCmp "br_i32.ge_s"
            BrI32GeSImm BrCmpImm "br_i32.ge_s_imm"
            BrI32GeU BrCmp "br_i32.ge_u"
            BrI32GeUImm BrCmpImm "br_i32.ge_u_imm"
            BrI64Eq BrCmp "br_i64.eq"
            BrI64EqImm BrCmpImm "br_i64.eq_imm"
            BrI64Ne BrCmp "br_i64.ne"
            BrI64NeImm BrCmpImm "br_i64.ne_imm"
            BrI64LtS BrCmp "br_i64.lt_s"
            BrI64LtSImm BrCmpImm "br_i64.lt_s_imm"
            BrI64LtU BrCmp "br_i64.lt_u"
            BrI64LtUImm BrCmpImm "br_i64.lt_u_imm"
            BrI64GtS BrCmp "br_i64.gt_s"
            BrI64GtSImm BrCmpImm "br_i64.gt_s_imm"
            BrI64GtU BrCmp "br_i64.gt_u"
            BrI64GtUImm BrCmpImm "br_i64.gt_u_imm"
            BrI64LeS BrCmp "br_i64.le_s"
            BrI64LeSImm BrCmpImm "br_i64.le_s_imm"
            BrI64LeU BrCmp "br_i64.le_u"
            BrI64LeUImm BrCmpImm "br_i64.le_u_imm"
            BrI64GeS BrCmp "br_i64.ge_s"
            BrI64GeSImm BrCmpImm "br_i64.ge_s_imm"
            BrI64GeU BrCmp "br_i64.ge_u"
            BrI64GeUImm BrCmpImm "br_i64.ge_u_imm"
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
            BrF64Ne BrCmp "br_f64.ne"
            BrF64Lt BrCmp "br_f64.lt"
            BrF64Gt BrCmp "br_f64.gt"
            BrF64Le BrCmp "br_f64.le"
            BrF64Ge BrCmp "br_f64.ge"
            BrF64NotLt BrCmp "br_f64.not_lt"
            BrF64NotGt BrCmp "br_f64.not_gt"
            BrF64NotLe BrCmp "br_f64.not_le"
            BrF64NotGe BrCmp "br_f64.not_ge"
            BrF64EqA BrCmp "br_f64.eq.as"
            BrF64NeA BrCmp "br_f64.ne.as"
            BrF64LtA BrCmp "br_f64.lt.as"
            BrF64GtA BrCmp "br_f64.gt.as"
            BrF64LeA BrCmp "br_f64.le.as"
            BrF64GeA BrCmp "br_f64.ge.as"
            BrF64NotLtA BrCmp "br_f64.not_lt.as"
            BrF64NotGtA BrCmp "br_f64.not_gt.as"
            BrF64NotLeA BrCmp "br_f64.not_le.as"
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
            I32Sub Bin "i32.sub"
            I32Mul Bin "i32.mul"
            I32DivS Bin "i32.div_s"
            I32DivU Bin "i32.div_u"
            I32RemS Bin "i32.rem_s"
            I32RemU Bin "i32.rem_u"
            I32And Bin "i32.and"
            I32Or Bin "i32.or"
            I32Xor Bin "i32.xor"
            I32Shl Bin "i32.shl"
            I32ShrS Bin "i32.shr_s"
            I32ShrU Bin "i32.shr_u"
            I32Rotl Bin "i32.rotl"
            I32Rotr Bin "i32.rotr"
            I32AddImm BinImm "i32.add_imm"
            I32MulImm BinImm "i32.mul_imm"
            I32AndImm BinImm "i32.and_imm"
            I32OrImm BinImm "i32.or_imm"
            I32XorImm BinImm "i32.xor_imm"
            I32ShlImm BinImm "i32.shl_imm"
            I32ShrSImm BinImm "i32.shr_s_imm"
            I32ShrUImm BinImm "i32.shr_u_imm"
            I32RotlImm BinImm "i32.rotl_imm"
            I32RotrImm BinImm "i32.rotr_imm"
            I32SubImmLhs BinImm "i32.sub_imm_lhs"
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
            I64Sub Bin "i64.sub"
            I64Mul Bin "i64.mul"
            I64DivS Bin "i64.div_s"
            I64DivU Bin "i64.div_u"
            I64RemS Bin "i64.rem_s"
            I64RemU Bin "i64.rem_u"
            I64And Bin "i64.and"
            I64Or Bin "i64.or"
            I64Xor Bin "i64.xor"
            I64Shl Bin "i64.shl"
            I64ShrS Bin "i64.shr_s"
            I64ShrU Bin "i64.shr_u"
            I64Rotl Bin "i64.rotl"
            I64Rotr Bin "i64.rotr"
            I64AddImm BinImm "i64.add_imm"
            I64MulImm BinImm "i64.mul_imm"
            I64AndImm BinImm "i64.and_imm"
            I64OrImm BinImm "i64.or_imm"
            I64XorImm BinImm "i64.xor_imm"
            I64ShlImm BinImm "i64.shl_imm"
            I64ShrSImm BinImm "i64.shr_s_imm"
            I64ShrUImm BinImm "i64.shr_u_imm"
            I64RotlImm BinImm "i64.rotl_imm"
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
            I32TruncSatF32S Un "i32.trunc_sat_f32_s"
            I32TruncSatF32U Un "i32.trunc_sat_f32_u"
            I32TruncSatF64S Un "i32.trunc_sat_f64_s"
            I32TruncSatF64U Un "i32.trunc_sat_f64_u"
            I64TruncSatF32S Un "i64.trunc_sat_f32_s"
            I64TruncSatF32U Un "i64.trunc_sat_f32_u"
            I64TruncSatF64S Un "i64.trunc_sat_f64_s"
            I64TruncSatF64U Un "i64.trunc_sat_f64_u"
            Load32 Load "load32"
            Load64 Load "load64"
            I32Load8S Load "i32.load8_s"
            I32Load16S Load "i32.load16_s"
            I64Load8S Load "i64.load8_s"
            I64Load16S Load "i64.load16_s"
            I64Load32S Load "i64.load32_s"
            Load8U Load "load8_u"
            Load16U Load "load16_u"
            Store8 Store "store8"
            Store16 Store "store16"
            Store32 Store "store32"
            Store64 Store "store64"
            AddrOffset AddrOffset "addr_offset"
            MemorySize Slot "memory.size"
            MemoryGrow Un "memory.grow"
            MemoryFill Three "memory.fill"
            MemoryCopy Three "memory.copy"
            MemoryInit ThreeData "memory.init"
            DataDrop Index "data.drop"
            TableGet TableOp "table.get"
            TableSet TableOp "table.set"
            TableSize TableOp "table.size"
            TableGrow ThreeData "table.grow"
            TableFill ThreeData "table.fill"
            TableCopy ThreeData "table.copy"
            TableInit ThreeData "table.init"
            ElemDrop Index "elem.drop"
            RefFunc SlotIndex "ref.func"
            ConsumeFuel Const32 "consume_fuel"
            CheckInterrupt None "check_interrupt"
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
    /// `a` = first slot, `b` = number of slots.
    Span,
    /// `a` = callee frame offset, `b|c` = function index.
    Call,
    /// `a` = callee frame offset, `b` = index slot, `c` = table; one data word: type index in `b|c`.
    CallIndirect,
    /// `a` = destination, `b` = condition; one data word: `a` = if true, `b` = if false.
    Select,
    /// `a` = slot, `b|c` = an index (global, function).
    SlotIndex,
    /// `b|c` = an index (segment).
    Index,
    /// `a` = destination, `b` = address, `c` = static offset.
    Load,
    /// `a` = address, `b` = value, `c` = static offset.
    Store,
    /// `a` = destination, `b` = address; one data word: 32-bit offset in `b|c`.
    AddrOffset,
    /// `a`, `b`, `c` = slots.
    Three,
    /// `a`, `b`, `c` = slots; one data word: `a` = a table or memory, `b|c` = an index.
    ThreeData,
    /// `a`, `b` = slots, `c` = table index.
    TableOp,
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

impl Format {
    /// How many [`Op::Data`] words follow an instruction of this format
    /// (for [`Format::BrTable`], the count is `b|c + 1` instead).
    pub const fn data_words(self) -> usize {
        match self {
            Format::Const64
            | Format::CallIndirect
            | Format::Select
            | Format::AddrOffset
            | Format::ThreeData => 1,
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
