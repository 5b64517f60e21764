import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { AreaTexto, Campo, Selecao } from "@/components/Campo";
import {
  CamposEndereco,
  MENSAGEM_ENDERECO_INCOMPLETO,
  enderecoDe,
  enderecoParaEnvio,
} from "@/components/CamposEndereco";
import { CampoMunicipio } from "@/components/CampoMunicipio";
import { carregarMunicipios, chaveMunicipio, municipioPorChave, type Municipio } from "@/lib/municipios";
import { mascararTelefone } from "@/lib/mascaras";
import { useEnvio } from "@/lib/use-envio";
import { atualizarMedico } from "../api/atualizar-medico";
import type { Especialidade } from "../api/listar-especialidades";
import type { Medico } from "../api/obter-medico";
import { EscolhaEspecialidades } from "./EscolhaEspecialidades";

const ANTECEDENCIAS = [
  { minutos: 0, rotulo: "Sem antecedência mínima" },
  { minutos: 30, rotulo: "30 minutos" },
  { minutos: 60, rotulo: "1 hora" },
  { minutos: 120, rotulo: "2 horas" },
  { minutos: 240, rotulo: "4 horas" },
  { minutos: 1440, rotulo: "1 dia" },
];

interface Props {
  medico: Medico;
  especialidades: Especialidade[];
  aoSalvar: () => void;
}

/** What patients see of the doctor: specialties, bio, price, booking notice, office and location. */
export function FormPerfilMedico({ medico, especialidades, aoSalvar }: Props) {
  const [nome, setNome] = useState(medico.nome);
  const [tratamento, setTratamento] = useState<string>(medico.tratamento ?? "");
  const [escolhidas, setEscolhidas] = useState<Set<string>>(new Set(medico.especialidades));
  const [bio, setBio] = useState(medico.bio ?? "");
  const [valor, setValor] = useState(medico.valor_consulta !== null ? String(medico.valor_consulta) : "");
  const [antecedencia, setAntecedencia] = useState(String(medico.antecedencia_minima_minutos));
  const [endereco, setEndereco] = useState(enderecoDe(medico.endereco));
  const [telefone, setTelefone] = useState(mascararTelefone(medico.telefone ?? ""));
  const [local, setLocal] = useState<Municipio | null>(null);
  const envio = useEnvio();

  function alternar(slug: string) {
    setEscolhidas((atual) => {
      const nova = new Set(atual);
      if (nova.has(slug)) nova.delete(slug);
      else nova.add(slug);
      return nova;
    });
  }

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const erros: Record<string, string> = {};
    if (escolhidas.size === 0) erros.especialidades = "Escolha pelo menos uma especialidade";
    const paraEnvio = enderecoParaEnvio(endereco);
    if (paraEnvio === "incompleto") erros.endereco = MENSAGEM_ENDERECO_INCOMPLETO;
    if (valor && !(Number(valor.replace(",", ".")) >= 0)) erros.valor_consulta = "Informe um valor em reais";
    if (Object.keys(erros).length) return envio.definirErros(erros);
    const ok = await envio.enviar(async () => {
      // No place picked and none saved: the office's municipality puts the doctor on the map.
      const noMapa =
        local ??
        (!medico.localizacao && paraEnvio && paraEnvio !== "incompleto"
          ? municipioPorChave(
              await carregarMunicipios(),
              chaveMunicipio({ nome: paraEnvio.cidade, uf: paraEnvio.uf }),
            )
          : undefined);
      await atualizarMedico(medico.id, {
        nome: nome.trim(),
        tratamento: tratamento === "Dr." || tratamento === "Dra." ? tratamento : null,
        especialidades: [...escolhidas],
        bio: bio.trim() || null,
        valor_consulta: valor ? Number(valor.replace(",", ".")) : null,
        antecedencia_minima_minutos: Number(antecedencia),
        endereco: paraEnvio === "incompleto" ? null : paraEnvio,
        telefone: telefone.trim() || null,
        ...(noMapa ? { localizacao: { lat: noMapa.lat, lon: noMapa.lon } } : {}),
      });
    });
    if (ok) aoSalvar();
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Meu perfil">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo
        rotulo="Nome"
        name="nome"
        value={nome}
        onChange={(e) => setNome(e.target.value)}
        erro={envio.erros.nome}
      />
      <Selecao
        rotulo="Tratamento"
        name="tratamento"
        value={tratamento}
        onChange={(e) => setTratamento(e.target.value)}
        erro={envio.erros.tratamento}
        dica="Como os pacientes e as mensagens chamam você."
      >
        <option value="Dra.">Dra.</option>
        <option value="Dr.">Dr.</option>
        <option value="">Sem título</option>
      </Selecao>
      <EscolhaEspecialidades
        especialidades={especialidades}
        escolhidas={escolhidas}
        alternar={alternar}
        erro={envio.erros.especialidades}
      />
      <AreaTexto
        rotulo="Apresentação"
        name="bio"
        rows={4}
        maxLength={2000}
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        erro={envio.erros.bio}
        dica="Formação, experiência, como você atende."
      />
      <div className="linha linha--2">
        <Campo
          rotulo="Valor da consulta (R$)"
          name="valor_consulta"
          inputMode="decimal"
          value={valor}
          onChange={(e) => setValor(e.target.value)}
          erro={envio.erros.valor_consulta}
        />
        <Selecao
          rotulo="Antecedência mínima"
          name="antecedencia_minima_minutos"
          value={antecedencia}
          onChange={(e) => setAntecedencia(e.target.value)}
          erro={envio.erros.antecedencia_minima_minutos}
        >
          {ANTECEDENCIAS.map((a) => (
            <option key={a.minutos} value={a.minutos}>
              {a.rotulo}
            </option>
          ))}
        </Selecao>
      </div>
      <fieldset className="campo escolha">
        <legend>Consultório</legend>
        {envio.erros.endereco && <span className="campo__erro">{envio.erros.endereco}</span>}
        <div className="formulario">
          <CamposEndereco
            endereco={endereco}
            mudar={(campo, valor) => setEndereco((e) => ({ ...e, [campo]: valor }))}
            erros={envio.erros}
          />
          <Campo
            rotulo="Telefone do consultório"
            name="telefone"
            type="tel"
            autoComplete="off"
            placeholder="(11) 3123-4567"
            value={telefone}
            onChange={(e) => setTelefone(mascararTelefone(e.target.value))}
            erro={envio.erros.telefone}
          />
          <CampoMunicipio
            rotulo="Localização para a busca por distância"
            name="localizacao"
            valor={local ? chaveMunicipio(local) : ""}
            aoEscolher={setLocal}
            placeholder={medico.localizacao ? "Manter a atual" : "Digite a cidade do consultório"}
            dica={
              medico.localizacao
                ? "Já definida; digite uma cidade para trocar."
                : "Em branco, usamos a cidade do consultório; sem nenhuma das duas, você não aparece nas buscas por distância."
            }
          />
        </div>
      </fieldset>
      <Botao type="submit" carregando={envio.enviando}>
        Salvar perfil
      </Botao>
    </form>
  );
}
