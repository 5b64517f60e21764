import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { UFS } from "@/lib/brasil";
import { cpfValido, pareceCpf, soDigitos } from "@/lib/cpf";
import { useEnvio } from "@/lib/use-envio";
import { pedirRecuperacao } from "../api/recuperar";

/** Asks for a reset link: patients by e-mail or CPF, doctors by CRM + UF. */
export function FormPedirRecuperacao({ perfil }: { perfil: "paciente" | "medico" }) {
  const [identificador, setIdentificador] = useState("");
  const [crm, setCrm] = useState("");
  const [uf, setUf] = useState("");
  const [enviado, setEnviado] = useState(false);
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    let pedido: Parameters<typeof pedirRecuperacao>[0];
    if (perfil === "medico") {
      const erros: Record<string, string> = {};
      if (!soDigitos(crm)) erros.crm = "Informe o número do CRM";
      if (!uf) erros.uf = "Escolha a UF do CRM";
      if (Object.keys(erros).length) return envio.definirErros(erros);
      pedido = { crm: soDigitos(crm), uf };
    } else {
      const texto = identificador.trim();
      if (pareceCpf(texto)) {
        if (!cpfValido(texto)) return envio.definirErros({ identificador: "CPF inválido" });
        pedido = { cpf: soDigitos(texto) };
      } else if (texto.includes("@")) {
        pedido = { email: texto };
      } else {
        return envio.definirErros({ identificador: "Informe um e-mail ou um CPF válido" });
      }
    }
    if (await envio.enviar(() => pedirRecuperacao(pedido))) setEnviado(true);
  }

  if (enviado) {
    return (
      <Alerta tipo="sucesso">
        <p>
          <strong>Pedido recebido.</strong> Se houver uma conta com esses dados, enviamos um link para o
          e-mail cadastrado. O link vale por 30 minutos e pode ser usado uma única vez.
        </p>
      </Alerta>
    );
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Pedir link de recuperação">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      {perfil === "paciente" ? (
        <Campo
          rotulo="E-mail ou CPF"
          name="identificador"
          autoComplete="username"
          value={identificador}
          onChange={(e) => setIdentificador(e.target.value)}
          erro={envio.erros.identificador ?? envio.erros.email ?? envio.erros.cpf}
          required
        />
      ) : (
        <div className="linha linha--crm">
          <Campo
            rotulo="CRM"
            name="crm"
            inputMode="numeric"
            value={crm}
            onChange={(e) => setCrm(e.target.value)}
            erro={envio.erros.crm}
            required
          />
          <Selecao
            rotulo="UF"
            name="uf"
            value={uf}
            onChange={(e) => setUf(e.target.value)}
            erro={envio.erros.uf}
            required
          >
            <option value="">Escolha</option>
            {UFS.map((sigla) => (
              <option key={sigla} value={sigla}>
                {sigla}
              </option>
            ))}
          </Selecao>
        </div>
      )}
      <Botao type="submit" largo carregando={envio.enviando}>
        Enviar link
      </Botao>
    </form>
  );
}
