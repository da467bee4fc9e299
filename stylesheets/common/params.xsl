<?xml version="1.0" encoding="UTF-8"?>
<!--
  params.xsl: every named setting a council would change about the look of
  its packs, as global parameters. Override any of them on the command line
  (xsltproc -\-stringparam body-font-size 11pt, or quire's -\-param) or by a
  local stylesheet that imports the document stylesheet and redeclares the
  parameter.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The council. Empty means: use what the document says
       (agenda <council>, report header); a value here wins. -->
  <xsl:param name="council-name" select="''"/>
  <xsl:param name="council-address" select="''"/>
  <!-- A logo image (PNG or JPEG) printed at the top of the frontsheet and
       report; a path relative to the FO output, or empty for none. -->
  <xsl:param name="logo" select="''"/>
  <xsl:param name="logo-width" select="'40mm'"/>

  <!-- Type. -->
  <xsl:param name="body-font-family" select='"Arial, &apos;Liberation Sans&apos;, Helvetica, sans-serif"'/>
  <xsl:param name="body-font-size" select="'12pt'"/>
  <xsl:param name="line-height" select="'1.2'"/>
  <xsl:param name="small-font-size" select="'10pt'"/>
  <xsl:param name="footnote-font-size" select="'9pt'"/>
  <xsl:param name="table-font-size" select="'10pt'"/>
  <xsl:param name="title-font-size" select="'16pt'"/>
  <xsl:param name="heading1-font-size" select="'14pt'"/>
  <xsl:param name="heading2-font-size" select="'12pt'"/>
  <xsl:param name="heading3-font-size" select="'12pt'"/>
  <xsl:param name="header-font-size" select="'8pt'"/>
  <xsl:param name="footer-font-size" select="'9pt'"/>
  <xsl:param name="text-align" select="'justify'"/>
  <xsl:param name="hyphenate" select="'true'"/>
  <xsl:param name="language" select="'en'"/>
  <xsl:param name="country" select="'GB'"/>

  <!-- Colours. -->
  <xsl:param name="text-colour" select="'#000000'"/>
  <xsl:param name="heading-colour" select="'#000000'"/>
  <xsl:param name="link-colour" select="'#0000CC'"/>
  <xsl:param name="rule-colour" select="'#000000'"/>
  <xsl:param name="running-colour" select="'#555555'"/>
  <xsl:param name="table-header-background" select="'#D9D9D9'"/>
  <xsl:param name="draft-colour" select="'#BBBBBB'"/>
  <xsl:param name="exempt-colour" select="'#C00000'"/>

  <!-- Space. -->
  <xsl:param name="paragraph-space" select="'6pt'"/>
  <xsl:param name="heading-space" select="'12pt'"/>
  <xsl:param name="list-indent" select="'8mm'"/>

  <!-- Page: A4 with generous margins. When duplex, the inner (binding)
       margin is on the left of odd pages and the right of even pages. -->
  <xsl:param name="page-width" select="'210mm'"/>
  <xsl:param name="page-height" select="'297mm'"/>
  <xsl:param name="margin-top" select="'12mm'"/>
  <xsl:param name="margin-bottom" select="'12mm'"/>
  <xsl:param name="margin-inner" select="'20mm'"/>
  <xsl:param name="margin-outer" select="'20mm'"/>
  <xsl:param name="binding-margin" select="'8mm'"/>
  <xsl:param name="header-extent" select="'14mm'"/>
  <xsl:param name="footer-extent" select="'12mm'"/>

  <!-- What to print. -->
  <!-- edition: 'public' leaves exempt papers out; 'members' includes them
       marked NOT FOR PUBLICATION. -->
  <xsl:param name="edition" select="'public'"/>
  <!-- draft: 'yes' prints DRAFT on every page. -->
  <xsl:param name="draft" select="'no'"/>
  <!-- duplex: 'yes' starts every document on a right-hand (odd) page and
       fills the gap with a page saying it is intentionally blank. -->
  <xsl:param name="duplex" select="'no'"/>

  <!-- Words the stylesheets print (translate for a Welsh edition). -->
  <xsl:param name="text-page" select="'Page'"/>
  <xsl:param name="text-draft" select="'DRAFT'"/>
  <xsl:param name="text-not-for-publication" select="'NOT FOR PUBLICATION'"/>
  <xsl:param name="text-blank-page" select="'This page is intentionally left blank'"/>
  <xsl:param name="text-agenda-item" select="'Agenda Item'"/>

</xsl:stylesheet>
