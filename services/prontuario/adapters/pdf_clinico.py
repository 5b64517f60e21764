"""The PDF of a prescription or a certificate, before it is signed: the ``GeradorDePdf`` port
(``ports.py``) with fpdf2, the same in every profile (the QR code from segno's matrix, drawn as
squares: no image library in the path). ``create_app`` hands this module to the use cases.

The core PDF fonts cover Latin-1, which holds Portuguese; any other character a doctor types
is written as ``?`` rather than failing the whole document.
"""

from __future__ import annotations

import segno
from fpdf import FPDF

from services.prontuario.domain.receituario import Atestado, Cabecalho, Receita

AVISO_TESTE = (
    "Assinado com certificado da AC de TESTE do HealthMed: NÃO é ICP-Brasil e não vale como "
    "assinatura qualificada."
)


def _latin1(texto: str) -> str:
    return texto.encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def linha(self, texto: str, tamanho: int = 11, estilo: str = "") -> None:
        self.set_font("Helvetica", estilo, tamanho)
        self.multi_cell(0, tamanho * 0.55, _latin1(texto), new_x="LMARGIN", new_y="NEXT")

    def qr(self, url: str, x: float, y: float, lado: float) -> None:
        matriz = segno.make(url, error="m").matrix
        modulo = lado / len(matriz)
        for i, linha in enumerate(matriz):
            for j, escuro in enumerate(linha):
                if escuro:
                    self.rect(x + j * modulo, y + i * modulo, modulo, modulo, style="F")


def _documento(titulo: str, c: Cabecalho) -> _Pdf:
    pdf = _Pdf(format="A4")
    pdf.set_title(_latin1(titulo))
    pdf.set_author(_latin1(c.signatario.nome))
    pdf.set_creator("HealthMed")
    pdf.add_page()
    pdf.linha(titulo, 18, "B")
    pdf.ln(2)
    s = c.signatario
    pdf.linha(f"{s.nome} - CRM {s.crm}/{s.uf}", 12, "B")
    pdf.linha(f"Paciente: {c.paciente_nome}")
    pdf.linha(f"Teleconsulta de {c.consulta_em:%d/%m/%Y às %H:%M}")
    pdf.linha(f"Emitido em {c.emitido_em:%d/%m/%Y às %H:%M}")
    pdf.ln(4)
    return pdf


def _rodape(pdf: _Pdf, c: Cabecalho) -> None:
    pdf.ln(6)
    y = max(pdf.get_y(), 230.0)
    if y > 250:
        pdf.add_page()
        y = 20.0
    pdf.qr(c.url_verificacao, 15, y, 32)
    pdf.set_xy(52, y)
    pdf.set_font("Helvetica", "", 9)
    texto = (
        f"Código de verificação: {c.codigo}\nConfira a autenticidade em {c.url_verificacao}\n"
        "Documento assinado digitalmente (PAdES)."
    )
    if c.certificado_de_teste:
        texto += "\n" + AVISO_TESTE
    pdf.multi_cell(0, 4.5, _latin1(texto))


def receita(r: Receita, c: Cabecalho) -> bytes:
    """The unsigned PDF of a simple prescription."""
    pdf = _documento("Receita simples", c)
    for n, item in enumerate(r.itens, start=1):
        pdf.linha(f"{n}. {item.medicamento} - {item.dose}", 12, "B")
        pdf.linha(f"    {item.posologia}; por {item.duracao}")
        pdf.ln(1)
    if r.observacoes:
        pdf.ln(2)
        pdf.linha(f"Observações: {r.observacoes}")
    _rodape(pdf, c)
    return bytes(pdf.output())


def atestado(a: Atestado, c: Cabecalho) -> bytes:
    """The unsigned PDF of a medical certificate."""
    pdf = _documento("Atestado médico", c)
    dias = "1 dia" if a.dias_afastamento == 1 else f"{a.dias_afastamento} dias"
    pdf.linha(
        f"Atesto, para os devidos fins, que {c.paciente_nome} foi atendido(a) por mim em "
        f"teleconsulta em {c.consulta_em:%d/%m/%Y}"
        + (
            f" e necessita de {dias} de afastamento de suas atividades."
            if a.dias_afastamento
            else "."
        )
    )
    if a.cid10:
        pdf.linha(f"CID-10: {a.cid10} (informado com autorização do(a) paciente)")
    if a.observacoes:
        pdf.ln(2)
        pdf.linha(f"Observações: {a.observacoes}")
    _rodape(pdf, c)
    return bytes(pdf.output())
