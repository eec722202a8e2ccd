# livemig validation guest: a Multiboot v1 kernel whose page dirtying is known exactly.
#
# Kernel command line (qemu -append), all decimal, each optional:
#   rate=N   page writes per second (default 1000); one write changes one 4 KiB page
#   wss=N    working set in pages (default 1024)
#   base=N   first page of the working set (default 512 = 2 MiB; must be >= 512)
#   fill=N   MiB of memory from 2 MiB on filled with non-zero data at boot (default 0);
#            the rest stays zero, so QEMU sends it as zero (duplicate) pages
#   pat=N    0: sequential sweep base..base+wss-1, round and round; 1: uniform random
#            page = base + (x * wss) >> 32 with x = x * 1664525 + 1013904223 (mod 2^32)
#   seed=N   the LCG's first x (default 1)
#   rep=N    report interval in guest milliseconds (default 100)
#
# Pacing: the PIT wakes the CPU about every millisecond; the ACPI PM timer (3.579545 MHz,
# on QEMU's virtual clock) says how many whole milliseconds have passed. Each elapsed
# millisecond is a slot; a wake-up that finds several slots elapsed runs ONE slot and drops
# the rest. So when QEMU's auto-converge throttle sleeps the vCPU, the writes of the slept
# slots are lost, not caught up, and the dirty rate falls by the throttle share.
#
# Output on the debug port 0xe9 (qemu -debugcon file:F):
#   CFG rate=.. wss=.. base=.. fill=.. pat=.. seed=.. pmport=.. pages=..
#   READY                         pre-fill done, dirtying starts now
#   T <ms> W <writes> S <slots run> D <slots dropped>     every rep ms of guest time
#   ERR <reason>                  bad parameters; the guest halts

	.intel_syntax noprefix
	.code32

	.set MB_MAGIC, 0x1BADB002
	.set MB_FLAGS, 0x00000003          # page-align modules, give memory info
	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.section .text
	.global _start
_start:
	cli
	mov esp, offset stack_top
	mov [mbinfo], ebx
	# Multiboot leaves the GDT undefined; interrupts need a code selector, so load our own.
	lgdt [gdt_desc]
	push 0x08
	push offset 1f
	retf
1:	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax

	call read_mbinfo
	call read_params
	call find_pm_port
	call print_cfg
	call check_params
	call setup_idt
	call setup_pic_pit
	call fill_memory
	mov esi, offset s_ready
	call puts

	call pm_read
	mov [pm_prev], eax
	sti
main_loop:
	hlt
	call pm_read
	mov ecx, eax
	sub eax, [pm_prev]
	and eax, 0xFFFFFF                  # the PM timer is 24 bits wide
	mov [pm_prev], ecx
	mov edx, 1000
	mul edx                            # edx:eax = ticks * 1000
	add eax, [acc_lo]
	adc edx, 0
	mov ecx, 3579545
	div ecx                            # eax = whole ms, edx = the rest, carried over
	mov [acc_lo], edx
	test eax, eax
	jz main_loop
	add [now_ms], eax
	dec eax
	add [dropped], eax                 # missed slots are dropped, not caught up
	inc dword ptr [slots]
	call do_slot
	mov eax, [now_ms]
	cmp eax, [next_rep]
	jb main_loop
	mov ecx, [rep_ms]
	add [next_rep], ecx
	cmp eax, [next_rep]
	jb 2f
	add eax, ecx                       # far behind (a long pause): report on from now
	mov [next_rep], eax
2:	call report
	jmp main_loop

# One slot's writes: rate/1000 per slot, the remainder carried so N pages/s is exact.
do_slot:
	mov eax, [frac]
	add eax, [rate]
	xor edx, edx
	mov ecx, 1000
	div ecx
	mov [frac], edx
	mov ecx, eax
	jecxz 9f
3:	call next_page
	shl eax, 12
	mov edx, [writes]
	inc edx
	mov [writes], edx
	mov [eax], edx                     # a new value every time: the page's content changes
	loop 3b
9:	ret

# eax = the next page to write.
next_page:
	cmp dword ptr [pat], 0
	jne 4f
	mov eax, [cursor]
	push eax
	inc eax
	cmp eax, [wss]
	jb 5f
	xor eax, eax
5:	mov [cursor], eax
	pop eax
	add eax, [base]
	ret
4:	push edx
	mov eax, [lcg]
	imul eax, eax, 1664525
	add eax, 1013904223
	mov [lcg], eax
	mul dword ptr [wss]                # edx = (x * wss) >> 32
	mov eax, edx
	add eax, [base]
	pop edx
	ret

pm_read:
	push edx
	mov dx, [pm_port]
	in eax, dx
	pop edx
	ret

read_mbinfo:
	mov ebx, [mbinfo]
	mov eax, [ebx]                     # flags
	test eax, 1
	jz 6f
	mov ecx, [ebx + 8]                 # mem_upper: KiB above 1 MiB
	add ecx, 1024
	shr ecx, 2
	mov [max_pages], ecx
6:	test eax, 4
	jz 7f
	mov ecx, [ebx + 16]
	mov [cmdline], ecx
7:	ret

read_params:
	mov esi, offset k_rate
	mov edi, offset rate
	call param
	mov esi, offset k_wss
	mov edi, offset wss
	call param
	mov esi, offset k_base
	mov edi, offset base
	call param
	mov esi, offset k_fill
	mov edi, offset fill
	call param
	mov esi, offset k_pat
	mov edi, offset pat
	call param
	mov esi, offset k_seed
	mov edi, offset lcg
	call param
	mov esi, offset k_rep
	mov edi, offset rep_ms
	call param
	ret

# Find " key=" (or key= at the start) in the command line; store its decimal value at [edi].
param:
	pushad
	mov ebx, [cmdline]
	test ebx, ebx
	jz 19f
	mov dl, ' '                        # the character before the current one
10:	mov al, [ebx]
	test al, al
	jz 19f
	cmp dl, ' '
	jne 14f
	mov ecx, 0
11:	mov ah, [esi + ecx]
	test ah, ah
	jz 12f
	cmp ah, [ebx + ecx]
	jne 14f
	inc ecx
	jmp 11b
12:	add ebx, ecx
	xor eax, eax
13:	movzx ecx, byte ptr [ebx]
	sub ecx, '0'
	cmp ecx, 9
	ja 18f
	imul eax, eax, 10
	add eax, ecx
	inc ebx
	jmp 13b
18:	mov [edi], eax
	jmp 19f
14:	mov dl, [ebx]
	inc ebx
	jmp 10b
19:	popad
	ret

# The PIIX4 power-management function (bus 0, device 1, function 3) holds the PM I/O base
# that SeaBIOS programmed; the PM timer is at base + 8. Fall back to 0x608 if absent.
find_pm_port:
	mov dx, 0xCF8
	mov eax, 0x80000B00
	out dx, eax
	mov dx, 0xCFC
	in eax, dx
	cmp eax, 0x71138086
	jne 15f
	mov dx, 0xCF8
	mov eax, 0x80000B40
	out dx, eax
	mov dx, 0xCFC
	in eax, dx
	and eax, 0xFFC0
	jz 15f
	add eax, 8
	mov [pm_port], ax
15:	ret

check_params:
	mov eax, [base]
	cmp eax, 512
	jb 16f
	mov ecx, [wss]
	test ecx, ecx
	jz 16f
	add eax, ecx
	cmp eax, [max_pages]
	ja 16f
	mov eax, [fill]
	shl eax, 8
	add eax, 512
	cmp eax, [max_pages]
	ja 17f
	ret
16:	mov esi, offset s_err_wss
	jmp 20f
17:	mov esi, offset s_err_fill
20:	call puts
21:	cli
	hlt
	jmp 21b

fill_memory:
	mov ecx, [fill]
	shl ecx, 8                         # pages
	jecxz 23f
	mov edi, 512
22:	mov eax, edi
	shl eax, 12
	mov edx, edi
	or edx, 0x80000000                 # non-zero: QEMU must send the whole page
	mov [eax], edx
	inc edi
	loop 22b
23:	ret

setup_idt:
	mov edi, offset idt
	xor ecx, ecx
24:	mov eax, offset isr_fault
	cmp ecx, 0x20
	jne 25f
	mov eax, offset isr_timer
25:	cmp ecx, 0x27                      # spurious IRQ7 / IRQ15: ignore
	je 26f
	cmp ecx, 0x2F
	jne 27f
26:	mov eax, offset isr_ignore
27:	mov [edi], ax
	mov word ptr [edi + 2], 0x08
	mov word ptr [edi + 4], 0x8E00
	shr eax, 16
	mov [edi + 6], ax
	add edi, 8
	inc ecx
	cmp ecx, 48
	jb 24b
	lidt [idt_desc]
	ret

setup_pic_pit:
	mov al, 0x11                       # remap the PICs to 0x20 and 0x28
	out 0x20, al
	out 0xA0, al
	mov al, 0x20
	out 0x21, al
	mov al, 0x28
	out 0xA1, al
	mov al, 0x04
	out 0x21, al
	mov al, 0x02
	out 0xA1, al
	mov al, 0x01
	out 0x21, al
	out 0xA1, al
	mov al, 0xFE                       # only IRQ0, the PIT
	out 0x21, al
	mov al, 0xFF
	out 0xA1, al
	mov al, 0x34                       # PIT channel 0, rate generator, 1193182/1193 Hz
	out 0x43, al
	mov al, 0xA9
	out 0x40, al
	mov al, 0x04
	out 0x40, al
	ret

isr_timer:
	push eax
	mov al, 0x20
	out 0x20, al
	pop eax
	iret

isr_ignore:
	iret

isr_fault:
	mov esi, offset s_err_fault
	call puts
28:	cli
	hlt
	jmp 28b

report:
	mov esi, offset s_t
	call puts
	mov eax, [now_ms]
	call putdec
	mov esi, offset s_w
	call puts
	mov eax, [writes]
	call putdec
	mov esi, offset s_s
	call puts
	mov eax, [slots]
	call putdec
	mov esi, offset s_d
	call puts
	mov eax, [dropped]
	call putdec
	mov esi, offset s_nl
	call puts
	ret

print_cfg:
	mov esi, offset s_cfg_rate
	mov eax, [rate]
	call putkv
	mov esi, offset s_cfg_wss
	mov eax, [wss]
	call putkv
	mov esi, offset s_cfg_base
	mov eax, [base]
	call putkv
	mov esi, offset s_cfg_fill
	mov eax, [fill]
	call putkv
	mov esi, offset s_cfg_pat
	mov eax, [pat]
	call putkv
	mov esi, offset s_cfg_seed
	mov eax, [lcg]
	call putkv
	mov esi, offset s_cfg_pm
	movzx eax, word ptr [pm_port]
	call putkv
	mov esi, offset s_cfg_pages
	mov eax, [max_pages]
	call putkv
	mov esi, offset s_nl
	call puts
	ret

putkv:
	call puts
	call putdec
	ret

# Print the NUL-terminated string at esi on the debug port.
puts:
	push eax
	push esi
29:	lodsb
	test al, al
	jz 30f
	out 0xE9, al
	jmp 29b
30:	pop esi
	pop eax
	ret

# Print eax in decimal.
putdec:
	pushad
	mov edi, offset numbuf + 11
	mov byte ptr [edi], 0
	mov ecx, 10
31:	xor edx, edx
	div ecx
	add dl, '0'
	dec edi
	mov [edi], dl
	test eax, eax
	jnz 31b
	mov esi, edi
	call puts
	popad
	ret

	.section .rodata
k_rate: .asciz "rate="
k_wss:  .asciz "wss="
k_base: .asciz "base="
k_fill: .asciz "fill="
k_pat:  .asciz "pat="
k_seed: .asciz "seed="
k_rep:  .asciz "rep="
s_cfg_rate:  .asciz "CFG rate="
s_cfg_wss:   .asciz " wss="
s_cfg_base:  .asciz " base="
s_cfg_fill:  .asciz " fill="
s_cfg_pat:   .asciz " pat="
s_cfg_seed:  .asciz " seed="
s_cfg_pm:    .asciz " pmport="
s_cfg_pages: .asciz " pages="
s_ready: .asciz "READY\n"
s_t:  .asciz "T "
s_w:  .asciz " W "
s_s:  .asciz " S "
s_d:  .asciz " D "
s_nl: .asciz "\n"
s_err_wss:   .asciz "ERR working set outside memory (base >= 512, wss >= 1, base + wss <= pages)\n"
s_err_fill:  .asciz "ERR fill larger than memory\n"
s_err_fault: .asciz "ERR cpu exception\n"

	.align 8
gdt:
	.quad 0
	.quad 0x00CF9A000000FFFF           # 0x08: flat code
	.quad 0x00CF92000000FFFF           # 0x10: flat data
gdt_desc:
	.word gdt_desc - gdt - 1
	.long gdt
idt_desc:
	.word 48 * 8 - 1
	.long idt

	.section .data
	.align 4
rate:     .long 1000
wss:      .long 1024
base:     .long 512
fill:     .long 0
pat:      .long 0
lcg:      .long 1
rep_ms:   .long 100
pm_port:  .word 0x608
	.align 4
max_pages: .long 0
cmdline:  .long 0
mbinfo:   .long 0
pm_prev:  .long 0
acc_lo:   .long 0
now_ms:   .long 0
next_rep: .long 0
slots:    .long 0
dropped:  .long 0
frac:     .long 0
writes:   .long 0
cursor:   .long 0

	.section .bss
	.align 16
idt:      .skip 48 * 8
numbuf:   .skip 12
	.align 16
	.skip 16384
stack_top:
